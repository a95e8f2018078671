# The two commands: `make demo` (the main job) and `make test`.
SWIFT ?= swift
MTL := .build/debug/mtl

.PHONY: demo test build bench deps clean demo-clean schema

## Install missing Debian packages (PostgreSQL server and client, libpq-dev, docker-compose).
deps:
	@scripts/ensure-deps.sh --with-compose

build: deps
	$(SWIFT) build

## Start the local cluster (.mtl/), migrate, set up a realistic organisation and its people.
demo: build
	$(MTL) dev up
	$(MTL) db migrate
	MTL=$(MTL) scripts/demo.sh
	@echo "The local cluster keeps running: 'make psql' or '$(MTL) dev psql' to look around, '$(MTL) dev down' to stop it."

## Build and run every test against a real PostgreSQL (a private cluster the tests start), after
## a smoke run of every benchmark at a tiny size (it checks they still run, not their figures).
## The pooler tests also need a PgBouncer 1.21+, built once from Debian 13's source package.
test:
	@scripts/ensure-deps.sh --with-compose --with-bench
	@scripts/pgbouncer-current.sh >/dev/null
	$(SWIFT) build --build-tests
	.build/debug/bench --smoke
	$(SWIFT) test --skip-build

## Regenerate sql/schema.sql (a normalised pg_dump --schema-only of a migrated database) after a
## schema change; the schema dump test fails until it matches.
schema: deps
	$(SWIFT) build --build-tests
	-$(SWIFT) test --skip-build --filter SchemaDumpTests >/dev/null 2>&1
	cp .build/schema.sql sql/schema.sql
	@echo "sql/schema.sql updated: review it with git diff sql/schema.sql"

## Benchmarks, each beside a baseline measured in the same run (release build).
bench:
	@scripts/ensure-deps.sh --with-compose --with-bench
	$(SWIFT) build -c release --product bench
	$(SWIFT) build -c release --product mtl
	.build/release/bench $(BENCH_ARGS)

psql:
	$(MTL) dev psql

demo-clean:
	-$(MTL) dev down
	rm -rf .mtl

clean: demo-clean
	rm -rf .build
