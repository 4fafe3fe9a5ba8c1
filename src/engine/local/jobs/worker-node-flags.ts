// V8 options of the detached job worker process (spawnWorker), whose audio threads already keep every core busy.
//
// --single-threaded: V8 compiles and collects garbage on the thread that needs it instead of on background
// threads. With one audio thread per core those helpers only compete with the audio threads: a fresh thread's
// first calls wait longer for optimised code, and the helpers' own CPU is spent on top. bench/voiceprint.mjs
// runs its threaded batch both ways side by side (on 2 cores: 6–9 % less CPU per second of audio; no measurable
// difference on a 1,000-request job, where each thread's warm-up is spread over 500 calls).
// Commands that analyse in their own process (local analyze, compare, serve) keep V8's defaults.
export const JOB_WORKER_NODE_FLAGS: readonly string[] = ["--single-threaded"];
