import Foundation
import Logging
import PGKit

extension Worker {
    /// Keeps this worker's running jobs alive; stops those that are no longer its own (rescued
    /// by another worker after a long pause here, or cancelled by an admin).
    func heartbeatLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.heartbeatInterval)
            if Task.isCancelled { return }
            let ids = runningIds
            guard !ids.isEmpty else { continue }
            do {
                let alive = try await pool.withConnection { db in
                    var alive = Set<Int64>()
                    for (id) in try await db.fetchAll(SQL("SELECT scheduler.heartbeat(\(configuration.workerId), \(ids))").prepared, as: (Int64).self) {
                        alive.insert(id)
                    }
                    return alive
                }
                // A job that finished between the two reads is missing too; only one missing
                // twice in a row (and still running here) was taken away.
                let missing = Set(ids.filter { !alive.contains($0) })
                for id in missing where suspectedLost.contains(id) { stopLost(id) }
                suspectedLost = missing.filter { runningIds.contains($0) }
            } catch {
                if Task.isCancelled { return }
                logger.warning("heartbeat failed; retrying", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Fires due schedules every poll interval and rescues jobs of silent workers every heartbeat
    /// interval. Every worker does this; the database keeps them from doing anything twice.
    func maintenanceLoop() async {
        var lastRescue = ContinuousClock.now - configuration.heartbeatInterval
        while !Task.isCancelled && !isStopping {
            do {
                try await pool.withConnection { db in
                    if configuration.firesSchedules {
                        let fired = try await db.fetchValue("SELECT scheduler.fire_due()", as: Int32.self) ?? 0
                        if fired > 0 { logger.info("fired schedules", metadata: ["jobs": "\(fired)"]) }
                    }
                    if ContinuousClock.now - lastRescue >= configuration.heartbeatInterval {
                        let rescued = try await db.fetchValue(
                            "SELECT scheduler.rescue(make_interval(secs => \(configuration.rescueAfter.seconds)))", as: Int32.self) ?? 0
                        if rescued > 0 { logger.warning("rescued jobs of workers that stopped heartbeating", metadata: ["jobs": "\(rescued)"]) }
                        lastRescue = ContinuousClock.now
                    }
                }
            } catch {
                logger.warning("schedule firing or rescue failed; retrying", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: configuration.pollInterval)
        }
    }
}
