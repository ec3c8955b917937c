# Thin wrapper over CMake. `make run` and `make test` first install the Debian packages that are
# missing (as root, or through sudo), then configure and build.
#   make run    build xasite and the default province from content/ into site/
#   make test   build with ASan/UBSan and run every test (CTest + GoogleTest, fuzz smoke runs)
#   make bench  build optimised and run the benchmarks (full province build, figures printed)
#   make package  build optimised and make the Debian package build/release/xasite_<version>_<arch>.deb

JOBS      ?= $(shell nproc)
BUILD     ?= build/release
TESTBUILD ?= build/test
FUZZBUILD ?= build/fuzz
CMAKE_GEN := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

DEBIAN_PACKAGES := cmake g++ make ninja-build pkg-config git \
	libcmark-gfm-dev libcmark-gfm-extensions-dev libxapian-dev libarchive-dev nlohmann-json3-dev \
	libgtest-dev libgmock-dev libbenchmark-dev libicu-dev libgumbo-dev libcpp-httplib-dev \
	libpoppler-cpp-dev libssl-dev libcli11-dev libyaml-cpp-dev libtbb-dev zlib1g-dev \
	clang libclang-rt-14-dev libkainjow-mustache-dev time tidy \
	libcairo2-dev fonts-dejavu-core wrk xapian-tools wget \
	libqrencode-dev libvips-dev libsodium-dev libgit2-dev chromium nodejs \
	nginx libmicrohttpd-dev systemd dpkg-dev curl
# make package (cpack: file, dpkg-shlibdeps) and tests/packaging (groff, man, col)
DEBIAN_PACKAGES += file groff-base man-db bsdextrautils

.PHONY: run test bench deps build browser-deps fuzz-smoke format clean package

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing missing Debian packages:" $$missing; \
		SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DXASITE_TESTS=OFF
	cmake --build $(BUILD) -j $(JOBS) --target xasite

run: build
	$(BUILD)/generator/cli/xasite build --content content --out site
	@echo
	@echo "Built the province into site/. Browse it with:"
	@echo "  $(BUILD)/generator/cli/xasite serve --site site    # then open http://127.0.0.1:8080/"
	@echo "Search it from the command line (the index is site.xapian):"
	@echo "  $(BUILD)/generator/cli/xasite search --unit 24373 lam giay khai sinh cho con"
	@echo "The archived district: http://127.0.0.1:8080/luu-tru/huyen-ea-kar/"

# The npm packages of the browser suite (tests/browser/: puppeteer-core, axe-core) at the versions
# pinned in its package-lock.json, into build/browser-deps/node_modules (never committed). No browser
# is downloaded: the suite drives Debian's /usr/bin/chromium. Reinstalled when the lock changes.
BROWSER_DEPS := build/browser-deps

browser-deps: $(BROWSER_DEPS)/node_modules/.package-lock.json

$(BROWSER_DEPS)/node_modules/.package-lock.json: tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		echo "Installing the Debian package npm"; \
		SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; }
	mkdir -p $(BROWSER_DEPS)
	cp tests/browser/package.json tests/browser/package-lock.json $(BROWSER_DEPS)/
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix $(BROWSER_DEPS) --no-audit --no-fund
	@touch $@

test: deps browser-deps
	cmake -S . -B $(TESTBUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DXASITE_SANITIZE=ON -DXASITE_WERROR=ON
	cmake --build $(TESTBUILD) -j $(JOBS)
	cd $(TESTBUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS) --timeout 900
	@$(MAKE) --no-print-directory fuzz-smoke

# libFuzzer smoke runs (clang); skipped with a note when clang is not available.
fuzz-smoke:
	@if command -v clang++ >/dev/null 2>&1; then \
		CC=clang CXX=clang++ cmake -S . -B $(FUZZBUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXASITE_FUZZ=ON -DXASITE_TESTS=OFF >/dev/null && \
		cmake --build $(FUZZBUILD) -j $(JOBS) --target fuzzers && \
		sh fuzz/run-all.sh $(FUZZBUILD) 20; \
	else echo "clang++ not found: libFuzzer runs skipped (corpus replays ran under ctest)"; fi

bench: deps
	cmake -S . -B build/bench $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DXASITE_TESTS=OFF -DXASITE_BENCH=ON
	cmake --build build/bench -j $(JOBS)
	sh bench/run.sh build/bench

# The Debian package (cmake/Install.cmake, packaging/): dependencies from dpkg-shlibdeps.
package: build
	cd $(BUILD) && cpack -G DEB
	@echo "Install it with: apt-get install ./$$(ls -t $(BUILD)/xasite_*.deb | head -n 1)"

format:
	find core generator search archive serve admin tests fuzz bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build site site.tmp-* site.old-* site.lock site.xapian site.xapian.tmp-* site.xapian.old-* site.xapian.g-* site.xapian.link-* site.archive-fixity
