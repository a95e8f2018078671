import Foundation

extension LocalPostgres {
    /// The OS user to run the server as: `postgres` when we are root, else ourselves (nil).
    static func serverUser() throws(LocalPostgresError) -> String? {
        guard geteuid() == 0 else { return nil }
        guard getpwnam("postgres") != nil else { throw .noPostgresUser }
        return "postgres"
    }

    /// Runs a server program (as the server user when root) and returns its output.
    ///
    /// Spawned with `posix_spawn` and reaped with `waitpid`: output goes to a file, never a pipe,
    /// because the server that `pg_ctl start` leaves running would inherit a pipe and keep it open.
    @discardableResult
    func run(_ program: URL, _ arguments: [String], failure: (@Sendable () -> String)? = nil) throws -> String {
        var argv: [String]
        if let runAs {
            let runuser = FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser"
            argv = [runuser, "-u", runAs, "--", program.path] + arguments
        } else {
            argv = [program.path] + arguments
        }
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("PG") { environment[key] = nil }
        environment["LC_ALL"] = "C"
        let outputPath = FileManager.default.temporaryDirectory.appending(path: "mtl-localpg-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }
        let status = try Self.spawnAndWait(argv, environment: environment.map { "\($0.key)=\($0.value)" }, outputPath: outputPath)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let name = program.lastPathComponent + " " + (arguments.first ?? "")
            throw LocalPostgresError.commandFailed(name, status: status, output: failure?() ?? text)
        }
        return text
    }

    /// Spawns `argv` with stdin from /dev/null and stdout+stderr to `outputPath`, in `/` (a
    /// directory the server user can enter, via `env -C`), and waits for it. Returns its exit status.
    ///
    /// The child starts with no blocked signals and default handlers: Swift's runtime threads
    /// block some signals, and a child that inherits that mask (pgbench's timer, for one) misbehaves.
    public static func spawnAndWait(_ argv: [String], environment: [String], outputPath: String) throws -> Int32 {
        try spawnAndMeasure(argv, environment: environment, outputPath: outputPath).status
    }

    /// ``spawnAndWait(_:environment:outputPath:)`` that also returns the child's peak resident
    /// memory (its `ru_maxrss`, in KiB), for benchmarks.
    public static func spawnAndMeasure(_ argv: [String], environment: [String], outputPath: String) throws -> (status: Int32, maxResidentKiB: Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of ours: a server that `pg_ctl start` leaves running would otherwise keep
        // whatever descriptors we hold open for ever (the pipes of a process that runs us, say).
        for descriptor in Self.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let argv = ["/usr/bin/env", "-C", "/"] + argv
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else {
            throw LocalPostgresError("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw LocalPostgresError("cannot wait for \(argv[0]): \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        return ((status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F), Int(usage.ru_maxrss))
    }

    /// Creates a directory (and parents) with an owner and mode.
    static func prepare(_ url: URL, owner: String?, mode: mode_t) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        chmod(url.path, mode)
        if let owner, let user = getpwnam(owner) { _ = Glibc.chown(url.path, user.pointee.pw_uid, user.pointee.pw_gid) }
    }

    // MARK: Ports

    /// A free loopback TCP port, chosen by the kernel.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LocalPostgresError("cannot create a socket to find a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw LocalPostgresError("cannot find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func portIsFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// The file descriptors this process has open (from /proc/self/fd).
    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }
}
