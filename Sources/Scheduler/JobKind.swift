import Foundation
import Logging
import PGKit

/// What a worker knows how to run: a job kind's name, its time limit and its code.
public struct JobKind: Sendable {
    /// The kind's name, as in `scheduler.job.kind` (`msp.quarterly_review`).
    public var name: String
    /// An attempt running longer is cancelled and counts as a failure.
    public var timeout: Duration
    /// When true (the default) the work runs in the transaction that marks the job completed:
    /// its effects commit if and only if the job completes, so a job rescued from a silent worker
    /// and run again cannot have taken effect twice.
    public var transactional: Bool
    public var run: @Sendable (JobContext) async throws -> Void

    public init(_ name: String, timeout: Duration, transactional: Bool = true,
                run: @escaping @Sendable (JobContext) async throws -> Void) {
        self.name = name
        self.timeout = timeout
        self.transactional = transactional
        self.run = run
    }
}

/// What a running job sees: the job, the worker's name, a logger that names the job, and the
/// database: the completing transaction's connection (`db`) for a transactional kind, the
/// worker's pool (`pool`) for one that is not.
public struct JobContext: Sendable {
    public let job: Job
    public let workerId: String
    public let logger: Logger
    /// The worker's connections. A non-transactional kind takes one when it needs it; work done
    /// on it commits on its own, whether or not the job completes.
    public let pool: PGPool
    private let transaction: PGConnection?

    init(job: Job, transaction: PGConnection?, pool: PGPool, workerId: String, logger: Logger) {
        self.job = job
        self.transaction = transaction
        self.pool = pool
        self.workerId = workerId
        self.logger = logger
    }

    /// The connection whose transaction completes the job (transactional kinds only).
    public var db: PGConnection {
        get throws(JobError) {
            guard let transaction else {
                throw JobError("job kind \(job.kind) is not transactional: it has no completing transaction; use context.pool")
            }
            return transaction
        }
    }

    /// The job's arguments decoded as `T` (keys in snake_case).
    public func arguments<T: Decodable>(as type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: Data(job.args.utf8))
        } catch {
            throw JobError("job \(job.id) (\(job.kind)) has arguments this worker cannot read: \(error)")
        }
    }
}

/// A job's failure, as it is recorded in the job's error history.
public struct JobError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func timedOut(after limit: Duration) -> JobError {
        let seconds = limit.seconds
        return JobError("timed out after \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) seconds (the kind's limit)")
    }

    static func unknownKind(_ kind: String) -> JobError {
        JobError("no worker handler for job kind \(kind); run a worker that knows it")
    }
}

/// The kinds a worker runs, by name.
public struct JobRegistry: Sendable {
    public private(set) var kinds: [String: JobKind] = [:]

    public init(_ kinds: [JobKind] = []) {
        for kind in kinds { register(kind) }
    }

    public mutating func register(_ kind: JobKind) {
        kinds[kind.name] = kind
    }

    public subscript(name: String) -> JobKind? { kinds[name] }

    public var names: [String] { kinds.keys.sorted() }
}
