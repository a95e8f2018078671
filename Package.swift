// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mtl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mtl", targets: ["MTLCLI"]),
        .executable(name: "bench", targets: ["Bench"]),
        .library(name: "PGKit", targets: ["PGKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // libpq, Debian's libpq-dev.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Data access on libpq.
        .target(
            name: "PGKit",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A throwaway PostgreSQL cluster for tests and the demo.
        .target(
            name: "LocalPostgres",
            dependencies: [
                "PGKit",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The shared domain vocabulary: org units, BUs, the fiscal calendar, people, grants, audit.
        .target(
            name: "MTLCore",
            dependencies: ["PGKit"]
        ),
        // Market management (MM): segments, the portfolio, MSPs, the marketing framework.
        .target(
            name: "Market",
            dependencies: ["MTLCore", "PGKit", "Scheduler"]
        ),
        // Demand generation (DG): programmes, activities, assets, budgets, leads and their import.
        .target(
            name: "Demand",
            dependencies: ["MTLCore", "PGKit", "Scheduler", .product(name: "Crypto", package: "swift-crypto")],
            // The lead import's presets: mapping files for common CRM exports.
            resources: [.copy("LeadImport/Presets")]
        ),
        // Marketing quality assurance (MQA): quality rules, findings, waivers.
        .target(
            name: "Quality",
            dependencies: ["MTLCore", "PGKit", "Scheduler"]
        ),
        // Market insight (MI): topics set by leaders, insights, coverage, contribute to consume.
        .target(
            name: "Insight",
            dependencies: ["MTLCore", "PGKit", "Scheduler"]
        ),
        // Seller competence enablement (SCE): materials, kits, front-line ratings, certifications.
        .target(
            name: "Enablement",
            dependencies: ["MTLCore", "PGKit", "Scheduler"]
        ),
        // The job engine: durable jobs, schedules and the worker that runs them; knows no domain.
        .target(
            name: "Scheduler",
            dependencies: [
                "MTLCore", "PGKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The composition root: every module's job kinds (one line per module).
        .target(
            name: "MTLModules",
            dependencies: ["Scheduler", "Market", "Demand", "Quality", "Insight", "Enablement"]
        ),
        // Migrations; the SQL files under sql/ are embedded by the EmbedSQL plugin.
        .target(
            name: "Schema",
            dependencies: [
                "PGKit",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedSQL"]
        ),
        .executableTarget(
            name: "SQLEmbedder",
            path: "Sources/SQLEmbedder"
        ),
        .plugin(
            name: "EmbedSQL",
            capability: .buildTool(),
            dependencies: ["SQLEmbedder"]
        ),
        // The `mtl` command.
        .executableTarget(
            name: "MTLCLI",
            dependencies: [
                "PGKit", "LocalPostgres", "Schema", "MTLCore", "Market", "Demand", "Quality", "Insight", "Enablement", "Scheduler", "MTLModules",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Benchmarks: figures beside baselines measured in the same run.
        .executableTarget(
            name: "Bench",
            dependencies: [
                "PGKit", "LocalPostgres", "Schema", "Scheduler", "MTLCore", "Quality", "Demand", "Market",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PGKitTests", dependencies: ["PGKit", "TestSupport"]),
        .testTarget(name: "SchemaTests", dependencies: ["Schema", "PGKit", "TestSupport", "LocalPostgres"]),
        .testTarget(name: "LocalPostgresTests", dependencies: ["LocalPostgres", "PGKit", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "MTLCLITests", dependencies: ["TestSupport", "PGKit", "MTLCore", "MTLCLI", "LocalPostgres", "Schema"]),
        .testTarget(name: "MarketTests", dependencies: ["TestSupport", "PGKit", "Market", "MTLCore"]),
        .testTarget(name: "DemandTests", dependencies: ["TestSupport", "PGKit", "Demand", "MTLCore"]),
        .testTarget(name: "SchedulerTests", dependencies: ["TestSupport", "PGKit", "LocalPostgres", "Scheduler", "MTLModules", "MTLCLI"]),
        .testTarget(name: "SecurityTests", dependencies: ["TestSupport", "PGKit", "MTLCore"]),
        .testTarget(name: "MTLCoreTests", dependencies: ["MTLCore"]),
        .testTarget(name: "ModulesTests", dependencies: ["TestSupport", "PGKit", "MTLCore", "MTLModules", "Market", "Demand", "Quality", "Scheduler"]),
        .testTarget(name: "InsightTests", dependencies: ["TestSupport", "PGKit", "MTLCore", "Insight"]),
        .testTarget(name: "EnablementTests", dependencies: ["TestSupport", "PGKit", "MTLCore", "Enablement"]),
        // Resources: the screenshot check the HTML report test runs (Python, standard library).
        .testTarget(name: "QualityTests", dependencies: ["TestSupport", "PGKit", "MTLCore", "Quality"], exclude: ["Resources"]),
        // Shared test harness: one local cluster per test process, one database per test.
        .target(
            name: "TestSupport",
            dependencies: ["PGKit", "LocalPostgres", "Schema", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"
        ),
    ],
    swiftLanguageModes: [.v6]
)
