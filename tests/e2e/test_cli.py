"""The relay command line (NODE_API.md §1): every flag, both dash styles,
-flag=value, flags after the file, usage errors (exit 2), config {} merging."""

import re
import socket

import relaytest
from relaytest import COUNTER_PROGRAM, RelayTestCase, run_relay, write_program

SPIN_PROGRAM = COUNTER_PROGRAM + """
server spinner {
    state {
        n: number = 0
    }
    receive fn spin() {
        for i in range(100000) {
            for j in range(100000) { }
        }
        "finished"
    }
}
"""


class CliTest(RelayTestCase):
    def test_version(self):
        for flag in ("-version", "--version"):
            proc = run_relay([flag])
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertRegex(proc.stdout, r"\d+\.\d+\.\d+")

    def test_help_lists_every_flag(self):
        proc = run_relay(["-help"])
        self.assertEqual(proc.returncode, 0)
        text = proc.stdout + proc.stderr
        for flag in ("-server", "-host", "-port", "-advertise", "-node-id", "-add-peer",
                     "-disable-registry", "-discovery-interval", "-call-timeout", "-log-level"):
            self.assertIn(flag.lstrip("-"), text, flag)

    def test_usage_errors_exit_2(self):
        for args in (["-no-such-flag"], ["-port", "notaport"], ["-port", "70000"],
                     ["-node-id", "bad id!"], ["-node-id", "x" * 65],
                     ["-discovery-interval", "soon"], ["-call-timeout", "-1s"],
                     ["-log-level", "chatty"], ["-server", "-port"]):
            proc = run_relay(args)
            self.assertEqual(proc.returncode, 2, (args, proc.stderr))
            self.assertTrue(proc.stderr.strip(), args)

    def test_program_without_server_runs_and_exits(self):
        path = write_program('print("hello from relay")\n')
        self.addCleanup(lambda: __import__("os").unlink(path))
        proc = run_relay([path])
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("hello from relay", proc.stdout)

    def test_flags_before_the_file(self):
        node = self.start_node(COUNTER_PROGRAM, ["-node-id", "before"], flags_first=True)
        self.assertEqual(node.node_id, "before")
        self.assertEqual(node.call("counter.get_count"), 0)

    def test_port_forms(self):
        # Pick a free port, then ask relay to use it with each spelling.
        for spelling in ("-port={}", "--port={}", "-port {}", "--port {}"):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            args = spelling.format(port).split()
            node = self.start_node(COUNTER_PROGRAM, args, port=None)
            self.assertEqual(node.port, port, spelling)
            self.assertEqual(node.get("/health").status, 200)
            node.kill()

    def test_port_zero_picks_and_prints_a_free_port(self):
        node = self.start_node(COUNTER_PROGRAM)
        self.assertGreater(node.port, 0)
        self.assertIn(f"listening on http://127.0.0.1:{node.port}", node.stdout())

    def test_host_flag(self):
        node = self.start_node(COUNTER_PROGRAM, ["-host", "127.0.0.1"])
        self.assertEqual(node.host, "127.0.0.1")
        node2 = self.start_node(COUNTER_PROGRAM, ["--host=0.0.0.0"])
        self.assertEqual(node2.host, "0.0.0.0")
        self.assertEqual(node2.advertise, f"localhost:{node2.port}")
        with socket.create_connection(("127.0.0.1", node2.port), timeout=5):
            pass

    def test_port_in_use_fails(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            s.listen()
            port = s.getsockname()[1]
            path = write_program(COUNTER_PROGRAM)
            proc = run_relay([path, "-server", "-port", str(port)], timeout=20)
            self.assertNotEqual(proc.returncode, 0)
            self.assertIn(str(port), proc.stderr)

    def test_node_id_and_advertise(self):
        node = self.start_node(COUNTER_PROGRAM, ["-node-id", "cli.node-1", "-advertise",
                                                 "relay.example.org:9000"])
        self.assertEqual(node.node_id, "cli.node-1")
        self.assertEqual(node.advertise, "relay.example.org:9000")
        self.assertEqual(node.get("/health").json()["node_id"], "cli.node-1")
        self.assertEqual(node.get("/info").json()["node_id"], "cli.node-1")

    def test_default_node_id_is_16_hex_and_advertise_localhost(self):
        node = self.start_node(COUNTER_PROGRAM)
        self.assertRegex(node.node_id, r"^[0-9a-f]{16}$")
        self.assertEqual(node.advertise, f"localhost:{node.port}")

    def test_node_id_builtin(self):
        program = COUNTER_PROGRAM + """
server whoami {
    state {
        n: number = 0
    }
    receive fn id() { node_id() }
}
"""
        node = self.start_node(program, ["-node-id", "me-1"])
        self.assertEqual(node.call("whoami.id"), "me-1")

    def test_log_level(self):
        quiet = self.start_node(COUNTER_PROGRAM, ["-log-level", "error"])
        quiet.call("counter.get_count")
        self.assertEqual(quiet.stop(), 0)
        self.assertNotIn(" info ", quiet.stderr())

        chatty = self.start_node(COUNTER_PROGRAM, ["--log-level=debug"])
        chatty.call("counter.get_count")
        relaytest.wait_until(lambda: " debug " in chatty.stderr(), message="a debug line")
        line = next(l for l in chatty.stderr().splitlines() if " debug " in l)
        self.assertRegex(line, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z debug ")

    def test_disable_registry(self):
        node = self.start_node(COUNTER_PROGRAM, ["-disable-registry"])
        self.assertEqual(node.get("/registry").status, 404)
        self.assertNotIn("/registry", node.endpoints)
        self.assertEqual(node.get("/health").status, 200)

    def test_discovery_interval_and_add_peer_are_accepted(self):
        node = self.start_node(COUNTER_PROGRAM, [
            "-discovery-interval", "500ms", "-add-peer", "127.0.0.1:1,localhost:2",
            "--add-peer=http://127.0.0.1:3"])
        self.assertEqual(node.get("/health").status, 200)

    def test_call_timeout(self):
        node = self.start_node(SPIN_PROGRAM, ["-call-timeout", "300ms"])
        err = node.rpc("spinner.spin", timeout=30)["error"]
        self.assertEqual(err["code"], -32002)
        self.assertEqual(err["data"], 300)

    def test_config_block_and_flags_win(self):
        program = 'config { node_id: "from-config", call_timeout: "300ms" }\n' + SPIN_PROGRAM
        node = self.start_node(program)
        self.assertEqual(node.node_id, "from-config")
        self.assertEqual(node.rpc("spinner.spin", timeout=30)["error"]["data"], 300)
        node.kill()
        node = self.start_node(program, ["-node-id", "from-flag"])
        self.assertEqual(node.node_id, "from-flag")

    def test_server_without_program_serves_an_empty_node(self):
        node = self.start_node(None)
        self.assertEqual(node.get("/info").json()["servers"], [])
        self.assertEqual(node.get("/health").json()["servers"], 0)
        err = node.rpc("counter.get_count")["error"]
        self.assertEqual(err["code"], -32601)


if __name__ == "__main__":
    relaytest.main()
