"""`relay FILE.rl` and `relay -repl` (issue: the Relay language): exit
statuses, error reports (file:line:column + source line + caret for syntax
errors; kind, line and call chain for runtime errors), the REPL's multi-line
input, echo and error recovery."""

import unittest

from relaytest import RelayTestCase, run_relay, write_program


class RunFileTest(RelayTestCase):
    def run_source(self, source, *flags):
        path = write_program(source)
        return path, run_relay([path, *flags])

    def test_success_exits_0(self):
        _, proc = self.run_source('print("ok", 1 + 1)\n')
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, "ok 2\n")

    def test_syntax_error_exits_2_with_position_line_and_caret(self):
        path, proc = self.run_source('print("before")\nset x = (1 +\nprint(x]\n')
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stdout, "", "a program with a syntax error runs nothing")
        self.assertRegex(proc.stderr, r"\.rl:3:8: syntax error: .*\]")
        self.assertIn("  print(x]\n         ^", proc.stderr)

    def test_runtime_error_exits_1_with_kind_line_and_call_chain(self):
        source = ("fn inner(v) {\n  v + nil\n}\n"
                  "fn outer(v) {\n  inner(v)\n}\n"
                  "print(\"start\")\nouter(1)\n")
        path, proc = self.run_source(source)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout, "start\n")
        self.assertIn(f"{path}:2: TypeError", proc.stderr)
        self.assertIn("in inner (called at line 5)", proc.stderr)
        self.assertIn("in outer (called at line 8)", proc.stderr)

    def test_uncaught_throw_exits_1(self):
        _, proc = self.run_source('throw {error: "boom"}\n')
        self.assertEqual(proc.returncode, 1)
        self.assertIn('uncaught throw: {error: "boom"}', proc.stderr)

    def test_flags_may_follow_the_file_with_one_or_two_dashes(self):
        path = write_program('print(1)\n')
        for args in ([path, "-log-level", "warn"], ["--log-level=warn", path], [path, "--call-timeout", "2s"]):
            proc = run_relay(args)
            self.assertEqual(proc.returncode, 0, (args, proc.stderr))
            self.assertEqual(proc.stdout, "1\n")

    def test_missing_file_and_unknown_flag_exit_2(self):
        self.assertEqual(run_relay(["/nonexistent/x.rl"]).returncode, 2)
        self.assertEqual(run_relay([write_program("1"), "-bogus"]).returncode, 2)

    def test_deep_recursion_and_catchable_overflow(self):
        source = ("fn d(n) { if n == 0 { 0 } else { 1 + d(n - 1) } }\nprint(d(10000))\n"
                  "fn forever(n) { forever(n + 1) }\n"
                  "print(try { forever(0) } catch e { e.kind })\n")
        _, proc = self.run_source(source)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, "10000\nStackOverflowError\n")


class ReplTest(RelayTestCase):
    def repl(self, text, *args):
        return run_relay(["-repl", *args], stdin=text)

    def test_echo_multiline_and_errors_do_not_end_the_session(self):
        proc = self.repl('set x = 2\nx * 21\nfn f(a) {\n  a + 1\n}\nf(1)\n"str"\nnil + 1\n1 +\n 2\nprint("after")\n')
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout.split(), ["42", "2", '"str"', "3", "after"])
        self.assertIn("TypeError", proc.stderr)

    def test_syntax_error_is_reported_and_the_session_goes_on(self):
        proc = self.repl('print(1 2)\nprint("still here")\n')
        self.assertIn("syntax error", proc.stderr)
        self.assertIn("still here", proc.stdout)

    def test_file_is_loaded_first(self):
        path = write_program('set greeting = "hello"\nfn shout(s) { s.upper() }\n')
        proc = self.repl('shout(greeting)\n', path)
        self.assertEqual(proc.stdout.strip(), '"HELLO"')


if __name__ == "__main__":
    unittest.main()
