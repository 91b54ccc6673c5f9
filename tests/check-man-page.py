#!/usr/bin/env python3
# check-man-page.py CLI MAN_PAGE VERSION — the man page and the tool's own --help describe the
# same commands and options, so that neither can change without the other.
#
# Every command `CLI --help` lists must have its subsection (.SS) under COMMANDS, every
# subcommand in the usage line of `CLI runs --help` must be named in the runs subsection, and
# every long option `CLI COMMAND --help` prints must be described in that command's subsection
# or in a shared section (TRAINING OPTIONS, DATASET OPTIONS) the subsection names. The other way
# round, every option the page describes for a command must be one the command takes, and every
# subsection one of its commands. The page's title names this version of Crowdscope.

import os
import re
import subprocess
import sys

cli, man_path, version = sys.argv[1:4]
failures = []


def run(*args):
    result = subprocess.run([cli, *args], capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    if result.returncode != 0:
        sys.exit(f"{' '.join(['crowdscope-cli', *args])} ended with status {result.returncode}:"
                 f"\n{result.stderr}")
    return result.stdout


def plain(troff):
    """The text of troff source: font changes and escapes dropped, \\- a hyphen."""
    text = re.sub(r"\\f(\[[^]]*\]|\(..|.)", "", troff)
    text = text.replace("\\-", "-").replace("\\&", "").replace("\\|", "")
    return re.sub(r"\\\(..", " ", text)


def long_options(text):
    return set(re.findall(r"(?<![\w-])--([a-z0-9][a-z0-9-]*)", text))


def help_options(help_text):
    """The long options of the Application Options group of a GOption --help."""
    group = help_text.split("Application Options:", 1)[1] if "Application Options:" in help_text else ""
    group = group.split("\n\n", 1)[0]
    return set(re.findall(r"^\s+(?:-\w, )?--([a-z0-9][a-z0-9-]*)", group, re.M))


# The page, cut into its sections (.SH) and the subsections (.SS) of COMMANDS.
with open(man_path, encoding="utf-8") as f:
    lines = [line for line in f.read().splitlines() if not line.startswith('.\\"')]
sections, subsections = {}, {}
section = subsection = None
for line in lines:
    heading = re.match(r'\.(SH|SS)\s+"?([^"]*)"?\s*$', line)
    if heading and heading.group(1) == "SH":
        section, subsection = plain(heading.group(2)), None
        sections[section] = []
    elif heading:
        subsection = plain(heading.group(2)).split()[0]
        subsections[subsection] = []
    elif subsection is not None and section == "COMMANDS":
        subsections[subsection].append(line)
    elif section is not None:
        sections[section].append(line)


def described_options(source_lines):
    """The long options a section describes: those its .TP items open with."""
    options = set()
    for i, line in enumerate(source_lines[:-1]):
        if line.startswith(".TP"):
            options |= long_options(plain(source_lines[i + 1]).split("=")[0])
    return options


shared = {name: body for name, body in sections.items() if name.endswith(" OPTIONS")}
if "COMMANDS" not in sections:
    failures.append("the page has no COMMANDS section")

title = next((line for line in lines if line.startswith(".TH")), "")
if f'"Crowdscope {version}"' not in title:
    failures.append(f"the title line {title!r} does not name Crowdscope {version}")

# --help itself, which every command takes, is described once under OPTIONS.
if "help" not in described_options(sections.get("OPTIONS", [])):
    failures.append("OPTIONS does not describe --help")

usage = run("--help")
commands = re.findall(r"^  ([a-z][a-z-]*)\s", usage.split("Commands:", 1)[1], re.M)
if not commands:
    failures.append("crowdscope-cli --help lists no commands")
for name in sorted(set(subsections) - set(commands)):
    failures.append(f"the page describes a command {name} that crowdscope-cli does not have")

users_of_shared = {name: [] for name in shared}
for command in commands:
    if command not in subsections:
        failures.append(f"the page has no subsection for the command {command}")
        continue
    body = subsections[command]
    text = plain("\n".join(body))
    refers_to = [name for name in shared if name in " ".join(text.split())]
    for name in refers_to:
        users_of_shared[name].append(command)
    described = described_options(body)
    in_shared = set().union(*(described_options(shared[name]) for name in refers_to))
    taken = help_options(run(command, "--help"))
    for option in sorted(taken - described - in_shared):
        failures.append(f"{command} --{option} is not described in the page")
    for option in sorted(described - taken):
        failures.append(f"the page describes {command} --{option}, which {command} does not take")
    if not taken:
        failures.append(f"crowdscope-cli {command} --help lists no options")

# A shared section's options must be taken by every command that refers to it.
for name, users in users_of_shared.items():
    if not users:
        failures.append(f"no command refers to {name}")
    for command in users:
        taken = help_options(run(command, "--help"))
        for option in sorted(described_options(shared[name]) - taken):
            failures.append(f"{name} describes --{option}, which {command} does not take")

# The runs command's subcommands, from its usage line: [show ID | rename ID NAME | …].
if "runs" in commands and "runs" in subsections:
    runs_usage = run("runs", "--help")
    bracket = re.search(r"\[([a-z][^]]*\|[^]]*)\]", runs_usage)
    subcommands = [part.split()[0] for part in bracket.group(1).split("|")] if bracket else []
    if not subcommands:
        failures.append("crowdscope-cli runs --help names no subcommands")
    runs_text = " ".join(plain("\n".join(subsections["runs"])).split())
    for sub in subcommands:
        if f"runs {sub}" not in runs_text:
            failures.append(f"the page does not describe runs {sub}")

for failure in failures:
    print(f"FAIL: {failure}")
if failures:
    sys.exit(1)
print(f"ok: {len(commands)} commands and their options, as --help prints them, are in {man_path}")
