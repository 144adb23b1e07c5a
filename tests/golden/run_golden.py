#!/usr/bin/env python3
"""Runs one golden Relay program and checks it against the expectations written
in its own comments (format: tests/lang/README.md)."""
import re
import subprocess
import sys


def expectations(source):
    stdout, stderr, status, args = [], [], 0, []
    for line in source.splitlines():
        # An expectation is a comment on its own line or at the end of a code line.
        m = re.search(r'//\s*expect(-stderr|-exit|-args)?:\s?(.*)$', line)
        if not m:
            continue
        kind, value = m.group(1), m.group(2)
        if kind is None:
            stdout.append(value)
        elif kind == '-stderr':
            stderr.append(value.strip())
        elif kind == '-exit':
            status = int(value.strip())
        else:
            args.extend(value.split())
    return stdout, stderr, status, args


def main():
    relay, path = sys.argv[1], sys.argv[2]
    with open(path, encoding='utf-8') as f:
        want_out, want_err, want_status, args = expectations(f.read())
    try:
        proc = subprocess.run([relay, path, *args], capture_output=True, timeout=50)
    except subprocess.TimeoutExpired:
        print(f'{path}: timed out')
        return 1
    out = proc.stdout.decode('utf-8', 'replace')
    err = proc.stderr.decode('utf-8', 'replace')
    problems = []
    got_lines = out.split('\n')
    if got_lines and got_lines[-1] == '':
        got_lines.pop()
    if got_lines != want_out:
        problems.append('stdout differs')
    if proc.returncode != want_status:
        problems.append(f'exit status {proc.returncode}, expected {want_status}')
    for piece in want_err:
        if piece not in err:
            problems.append(f'stderr lacks {piece!r}')
    if problems:
        print(f'{path}: ' + '; '.join(problems))
        print('--- expected stdout ---\n' + '\n'.join(want_out))
        print('--- actual stdout ---\n' + out)
        print('--- stderr ---\n' + err)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
