// `voice-id completion bash|zsh|fish`: prints a completion script generated from the model, so tab
// completion offers exactly the commands, flags and enum values the CLI accepts.
import { parseArgs } from "node:util";
import type { Deps } from "../deps.js";
import { ExitCode } from "../errors/index.js";
import { write } from "../io/index.js";
import { operations } from "../model/index.js";
import { operationFlags } from "../help/flags.js";
import { globalOptionDocs } from "../help/globals.js";
import { waitFlags } from "../help/topics.js";
import { waitCommands } from "./wait/index.js";
import { extraCommands } from "./extra-commands.js";
import { localCommands } from "./local/index.js";

export const shells = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof shells)[number];

/** A command the script completes: its name, its flags, and the values of flags that have a fixed set. */
interface CommandSpec {
  name: string;
  summary: string;
  flags: string[];
  values: Record<string, string[]>;
}


function commandSpecs(): CommandSpec[] {
  return operations().map((op) => {
    const flags = operationFlags(op);
    return {
      name: op.cliName,
      summary: op.summary,
      flags: flags.map((f) => f.flag),
      values: Object.fromEntries(flags.filter((f) => f.choices && f.type !== "list").map((f) => [f.flag, f.choices!])),
    };
  });
}

const globalFlags = () => globalOptionDocs.map((g) => g.flag);
const globalValues = () => Object.fromEntries(globalOptionDocs.filter((g) => g.choices).map((g) => [g.flag, g.choices!]));
/** Global flags followed by a value: the script skips that value when looking for the command word. */
const globalValueFlags = () => globalOptionDocs.filter((g) => g.type !== "boolean").map((g) => g.flag);

const words = (list: string[]) => list.join(" ");
const caseValues = (values: Record<string, string[]>, indent: string) =>
  Object.entries(values)
    .map(([flag, vs]) => `${indent}${flag}) COMPREPLY=($(compgen -W "${words(vs)}" -- "$cur")); return ;;`)
    .join("\n");

/** A local command's long flags, and whether each takes a value. */
type LocalFlags = Record<string, { flag: string; value: boolean }[]>;

/**
 * Each local command's flags, from the options its own module parses (the modules are loaded here, which is
 * fine: a completion script is generated once, not on every keystroke).
 */
async function localCommandFlags(): Promise<LocalFlags> {
  const entries = await Promise.all(
    localCommands.map(async (c) => {
      const options = (await c.load()).options ?? {};
      return [c.name, Object.entries(options).map(([name, o]) => ({ flag: `--${name}`, value: o.type === "string" }))] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** The local commands' flags whose value is a file: `local compare --pairs LIST`, `local start-session --audio FILE`. */
const LOCAL_PATH_FLAGS = ["--pairs", "--audio"];

function bashScript(local: LocalFlags): string {
  const specs = commandSpecs();
  const commands = [...specs.map((s) => s.name), "local", "wait", ...extraCommands.map((c) => c.name), "help"];
  const perCommand = specs
    .map((s) => {
      const values = caseValues(s.values, "        ");
      return [
        `    ${s.name})`,
        ...(values ? [`      case "$prev" in`, values, "      esac"] : []),
        `      flags="${words(s.flags)} help" ;;`,
      ].join("\n");
    })
    .join("\n");
  return `# bash completion for voice-id (generated from the model by \`voice-id completion bash\`)
# Load it with: source <(voice-id completion bash)

# Paths that begin with $1, each after $2 (folders with a trailing '/', no space after them).
_voice_id_paths() {
  local IFS=$'\\n' p
  for p in $(compgen -f -- "$1"); do
    [[ -d $p ]] && p="$p/"
    COMPREPLY+=("$2$p")
  done
  compopt -o nospace 2>/dev/null
}

_voice_id() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" sub="" flags="" own=0 i w
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()

  # file:// and fileb:// values are paths; bash splits "file://x" into file : //x (':' is in COMP_WORDBREAKS)
  if [[ $cur == file://* || $cur == fileb://* ]]; then _voice_id_paths "\${cur#*://}" "\${cur%%://*}://"; return; fi
  if [[ $prev == : && $cur == //* ]] && (( COMP_CWORD >= 2 )) && [[ \${COMP_WORDS[COMP_CWORD-2]} == file || \${COMP_WORDS[COMP_CWORD-2]} == fileb ]]; then
    _voice_id_paths "\${cur#//}" "//"
    return
  fi
  local globals="${words(globalFlags())}"
  local global_valued=" ${words(globalValueFlags())} "

  # The command is the first word that is neither a flag nor a global flag's value; for local,
  # wait and completion the next such word is the subcommand.
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="\${COMP_WORDS[i]}"
    [[ $w == help && -n $cmd ]] && return # "<command> help" is complete
    case "$w" in
      -*) [[ $global_valued == *" $w "* ]] && (( i++ )) ;;
      *) if [[ -z $cmd ]]; then cmd="$w"; elif [[ -z $sub ]]; then sub="$w"; fi ;;
    esac
  done

  # Values of global flags that have a fixed set.
  case "$prev" in
${caseValues(globalValues(), "    ")}
  esac
  [[ $global_valued == *" $prev "* ]] && return

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$globals" -- "$cur"))
    else COMPREPLY=($(compgen -W "${words(commands)}" -- "$cur")); fi
    return
  fi

  case "$cmd" in
${perCommand}
    local)
      if [[ -z $sub ]]; then COMPREPLY=($(compgen -W "${words(localCommands.map((c) => c.name))} help" -- "$cur")); return; fi
      case "$sub" in
${localCommands.map((c) => `        ${c.name}) flags="${words((local[c.name] ?? []).map((f) => f.flag))}" ;;`).join("\n")}
        *) return ;;
      esac
      own=1 ;;
    wait)
      if [[ -z $sub ]]; then COMPREPLY=($(compgen -W "${words(waitCommands.map((w) => w.name))} help" -- "$cur")); return; fi
      flags="${words(waitFlags.map((f) => f.flag))}"; own=1 ;;
    completion)
      [[ -z $sub ]] && COMPREPLY=($(compgen -W "${words([...shells])}" -- "$cur"))
      return ;;
    *) return ;;
  esac

  # A flag's value: a file for the local commands (--pairs, --audio), nothing to guess for an operation's
  # ids, names and JSON (a file:// value is completed above). local cp, analyze and compare take paths.
  if [[ $prev == --* && " $flags " == *" $prev "* && $cur != -* ]]; then
    [[ $cmd == local && " ${words(LOCAL_PATH_FLAGS)} " == *" $prev "* ]] && _voice_id_paths "$cur" ""
    return
  fi
  if [[ $cmd == local && $cur != -* && ( $sub == cp || $sub == analyze || $sub == compare ) ]]; then _voice_id_paths "$cur" ""; return; fi
  # local and wait commands parse their own flags; operations also take the global ones.
  (( own )) || flags="$flags $globals"
  # a flag already given is not offered again
  flags=" $flags "
  for (( i = 1; i < COMP_CWORD; i++ )); do flags="\${flags// \${COMP_WORDS[i]} / }"; done
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}

complete -F _voice_id voice-id
`;
}

function zshScript(local: LocalFlags): string {
  return `#compdef voice-id
# zsh completion for voice-id (generated from the model by \`voice-id completion zsh\`): the bash
# script through zsh's bashcompinit. Load it with: source <(voice-id completion zsh)
(( $+functions[compdef] )) || { autoload -U +X compinit && compinit }
(( $+functions[complete] )) || { autoload -U +X bashcompinit && bashcompinit }

${bashScript(local).split("\n").filter((l) => !l.startsWith("#")).join("\n").trim()}
`;
}

/** Up to the first full stop that ends a sentence ("e.g. Domain" does not). */
const firstSentence = (text: string) => text.split(/(?<!\be\.g|\bi\.e)\.\s+(?=[A-Z$])/)[0]!.replace(/\.$/, "");

/** A fish single-quoted string. */
const fishQuote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function fishScript(local: LocalFlags): string {
  const specs = commandSpecs();
  const valued = words(globalValueFlags());
  const lines = [
    "# fish completion for voice-id (generated from the model by `voice-id completion fish`)",
    "# Load it with: voice-id completion fish | source",
    "complete -c voice-id -f",
    "",
    "# The words before the cursor that are neither flags nor a global flag's value: the command, then its subcommand.",
    "function __voice_id_words",
    "    set -l skip 0",
    "    for t in (commandline -opc)[2..-1]",
    "        if test $skip = 1",
    "            set skip 0",
    "            continue",
    "        end",
    "        switch $t",
    `            case ${valued}`,
    "                set skip 1",
    "            case '-*'",
    "            case '*'",
    "                echo $t",
    "        end",
    "    end",
    "end",
    "# True when the command words are exactly $argv (none: no command yet).",
    "function __voice_id_at",
    "    set -l w (__voice_id_words)",
    '    test "$w" = "$argv"',
    "end",
    "# True when the command words begin with $argv.",
    "function __voice_id_in",
    "    set -l w (__voice_id_words)",
    "    test (count $w) -ge (count $argv); or return 1",
    "    for i in (seq (count $argv))",
    '        test "$w[$i]" = "$argv[$i]"; or return 1',
    "    end",
    "end",
    "# A file:// or fileb:// value being typed: the paths after the prefix, from the working directory.",
    "function __voice_id_file_uri",
    "    set -l t (commandline -ct)",
    "    set -l prefix (string match -r '^fileb?://' -- $t); or return",
    "    for p in (__fish_complete_path (string sub -s (math (string length -- $prefix) + 1) -- $t))",
    "        echo $prefix$p",
    "    end",
    "end",
    "# local and wait commands parse their own flags: the global ones are for the operations.",
    "function __voice_id_takes_globals",
    "    not __voice_id_in local; and not __voice_id_in wait; and not __voice_id_in completion",
    "end",
    "",
  ];
  for (const g of globalOptionDocs) {
    // -x: a value but no file names (a bare name would not be read as a file; file:// values are completed above)
    const values = g.choices ? ` -x -a ${fishQuote(words(g.choices))}` : g.type === "boolean" ? "" : g.flag === "--ca-bundle" ? " -r -F" : " -x";
    lines.push(`complete -c voice-id -n __voice_id_takes_globals -l ${g.flag.slice(2)}${values} -d ${fishQuote(firstSentence(g.description))}`);
  }
  const top = (name: string, summary: string) => `complete -c voice-id -n __voice_id_at -a ${name} -d ${fishQuote(summary)}`;
  for (const s of specs) lines.push(top(s.name, s.summary));
  lines.push(top("local", "Commands for the local engine"), top("wait", "Wait for a batch job to end"), top("help", "Show help"));
  for (const c of extraCommands) lines.push(top(c.name, c.summary));
  for (const s of specs) {
    for (const flag of s.flags) {
      const vs = s.values[flag];
      // an enum's values, or else a file:// / fileb:// path as it is typed
      lines.push(`complete -c voice-id -n '__voice_id_at ${s.name}' -l ${flag.slice(2)} -x -a ${vs ? fishQuote(words(vs)) : "'(__voice_id_file_uri)'"}`);
    }
  }
  for (const c of localCommands) lines.push(`complete -c voice-id -n '__voice_id_at local' -a ${c.name} -d ${fishQuote(c.summary)}`);
  for (const c of localCommands) {
    for (const f of local[c.name] ?? []) {
      const files = LOCAL_PATH_FLAGS.includes(f.flag) ? " -F" : "";
      lines.push(`complete -c voice-id -n '__voice_id_in local ${c.name}' -l ${f.flag.slice(2)}${f.value ? ` -r${files}` : ""}`);
    }
  }
  // local cp, analyze and compare take paths
  for (const c of ["cp", "analyze", "compare"]) lines.push(`complete -c voice-id -n '__voice_id_in local ${c}' -F`);
  for (const w of waitCommands) lines.push(`complete -c voice-id -n '__voice_id_at wait' -a ${w.name} -d ${fishQuote(w.summary)}`);
  for (const f of waitFlags) lines.push(`complete -c voice-id -n '__voice_id_in wait; and not __voice_id_at wait' -l ${f.flag.slice(2)}${f.value ? " -r" : ""}`);
  lines.push(`complete -c voice-id -n '__voice_id_at completion' -a ${fishQuote(words([...shells]))}`);
  return lines.join("\n") + "\n";
}

export async function completionScript(shell: Shell): Promise<string> {
  const local = await localCommandFlags();
  return shell === "bash" ? bashScript(local) : shell === "zsh" ? zshScript(local) : fishScript(local);
}

const usage = "usage: voice-id completion bash|zsh|fish\n";

/** The command: `voice-id completion <shell>` (argv holds what follows "completion"). */
export async function run(argv: string[], deps: Deps): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} }));
  } catch (e) {
    await write(deps.io.stderr, `voice-id completion: ${(e as Error).message}\n${usage}`);
    return ExitCode.usage;
  }
  const shell = positionals[0];
  if (positionals.length !== 1 || !(shells as readonly string[]).includes(shell!)) {
    await write(deps.io.stderr, shell && positionals.length === 1 ? `voice-id completion: unknown shell "${shell}"\n${usage}` : usage);
    return ExitCode.usage;
  }
  await write(deps.io.stdout, await completionScript(shell as Shell));
  return ExitCode.ok;
}
