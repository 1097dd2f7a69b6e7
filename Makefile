# bindery's front door (README, Quick start):
#   make        install what is missing, build, bind book/ into dist/
#   make test   the whole suite: plain build, ASan+UBSan build, unit tests under valgrind, fuzzing
# Recipes stay short; the logic lives in scripts/.

BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
FUZZ_DIR  ?= build-fuzz
FUZZ_SECONDS ?= 60
BOOK_DIR  ?= book
DIST_DIR  ?= dist
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
MAKEFLAGS += --no-print-directory
CTEST      = ctest --output-on-failure -j $(JOBS)
VALGRIND_OPTS ?= --error-exitcode=1 --leak-check=full --num-callers=30 -q --suppressions=$(CURDIR)/tests/valgrind.supp
export UBSAN_OPTIONS ?= print_stacktrace=1

.PHONY: all deps test-deps build book test test-plain asan valgrind fuzz clean
.NOTPARALLEL:
all: book

deps:
	@scripts/install-deps build

test-deps:
	@scripts/install-deps test

# Configure once; afterwards "cmake --build" re-runs CMake itself when a
# CMakeLists.txt changes. Order-only on deps: a quick deps check never forces it.
$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR)

$(ASAN_DIR)/CMakeCache.txt: | test-deps
	cmake -S . -B $(ASAN_DIR) -DBINDERY_SANITIZE=ON

build: deps $(BUILD_DIR)/CMakeCache.txt
	@cmake --build $(BUILD_DIR) -j $(JOBS)

book: build
	$(BUILD_DIR)/bindery build $(BOOK_DIR) -o $(DIST_DIR)
	@set -- $(DIST_DIR)/*.epub; [ -f "$$1" ] || { echo "make: bindery wrote no EPUB into $(DIST_DIR)/" >&2; exit 1; }; \
	  for f; do echo "EPUB: $$f"; done

# All four stages run even when one fails (-k), so one CI run shows everything.
test: test-deps build
	@$(MAKE) -k test-plain asan valgrind fuzz

test-plain: test-deps build
	cd $(BUILD_DIR) && $(CTEST)

# The slow external judges (EPUBCheck, Ace) and the race of two builds
# (tests/records, label race) run in the plain build only.
asan: test-deps $(ASAN_DIR)/CMakeCache.txt
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && $(CTEST) -LE 'external|race'

# ctest's memcheck mode wraps each unit test in valgrind; --overwrite sets the
# command here so it does not depend on valgrind being found at configure time.
valgrind: test-deps build
	cd $(BUILD_DIR) && rm -f Testing/Temporary/MemoryChecker.*.log && $(CTEST) -L unit -T memcheck \
	  --overwrite MemoryCheckCommand=$$(command -v valgrind) \
	  --overwrite "MemoryCheckCommandOptions=$(VALGRIND_OPTS)" \
	  || { find Testing/Temporary -name 'MemoryChecker.*.log' -size +0 -exec tail -n +1 {} +; exit 1; }

# libFuzzer with ASan+UBSan (clang): the checker for FUZZ_SECONDS, the source
# parser for half that; any crash fails. Longer: make fuzz FUZZ_SECONDS=3600.
fuzz: test-deps
	CC=clang cmake -S . -B $(FUZZ_DIR) -DBINDERY_FUZZ=ON -DBUILD_TESTING=OFF
	@cmake --build $(FUZZ_DIR) -j $(JOBS)
	tests/fuzz/run-fuzz $(FUZZ_DIR) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR) $(DIST_DIR)
