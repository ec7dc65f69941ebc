#!/bin/bash
# C++ test cases from REAL tool runs: Debian 12's GoogleTest 1.12 under CMake 3.25/ctest with
# g++ 12, and the compiler's sanitizers (AddressSanitizer, UndefinedBehaviorSanitizer,
# ThreadSanitizer) failing a test program; Automake's test harness (make check).
#
#   bash tests/corpus/gen/cases_cxx.sh                 # all cases here
#   bash tests/corpus/gen/cases_cxx.sh cx_gtest_failed  # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-cxx) and repositories named cx-* under /home/runner/work.  Needs: g++, cmake,
# libgtest-dev, automake (Debian packages); no network.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-cxx
G=toolchain
mkdir -p "$W"
GTESTV="googletest $(dpkg-query -W -f='${Version}' libgtest-dev 2>/dev/null | cut -d- -f1), cmake $(cmake --version | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+')"
GCCV="g++ $(g++ -dumpfullversion)"
NOTE_CX="Tool output really captured on Debian 12 in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_cxx.sh + wrap_gha.py."
hdr() { spec_head "$NOTE_CX" "$@"; }

# a ring buffer library with GoogleTest tests, built with CMake; $1: the bug (none|off-by-one)
ring_proj() {
  cat > CMakeLists.txt <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(ring CXX)
set(CMAKE_CXX_STANDARD 17)
find_package(GTest REQUIRED)
add_library(ring ring.cc)
add_executable(ring_test ring_test.cc)
target_link_libraries(ring_test ring GTest::gtest_main)
enable_testing()
include(GoogleTest)
gtest_discover_tests(ring_test)
EOF
  cat > ring.h <<'EOF'
#pragma once
#include <cstddef>
#include <vector>
class Ring {
 public:
  explicit Ring(std::size_t capacity) : data_(capacity) {}
  void push(int v);
  int pop();
  std::size_t size() const { return size_; }
 private:
  std::vector<int> data_;
  std::size_t head_ = 0, size_ = 0;
};
EOF
  if [ "$1" = off-by-one ]; then
    cat > ring.cc <<'EOF'
#include "ring.h"
void Ring::push(int v) {
  data_[(head_ + size_) % data_.size()] = v;
  if (size_ < data_.size() - 1) ++size_;  // keeps one slot free: drops the last element
}
int Ring::pop() {
  int v = data_[head_];
  head_ = (head_ + 1) % data_.size();
  --size_;
  return v;
}
EOF
  else
    cat > ring.cc <<'EOF'
#include "ring.h"
void Ring::push(int v) {
  data_[(head_ + size_) % data_.size()] = v;
  if (size_ < data_.size()) ++size_;
}
int Ring::pop() {
  int v = data_[head_];
  head_ = (head_ + 1) % data_.size();
  --size_;
  return v;
}
EOF
  fi
  cat > ring_test.cc <<'EOF'
#include <gtest/gtest.h>
#include "ring.h"
TEST(RingTest, StartsEmpty) { EXPECT_EQ(Ring(3).size(), 0u); }
TEST(RingTest, HoldsCapacity) {
  Ring r(3);
  for (int i = 0; i < 3; ++i) r.push(i);
  EXPECT_EQ(r.size(), 3u);
}
TEST(RingTest, PopsInOrder) {
  Ring r(2);
  r.push(7);
  r.push(8);
  EXPECT_EQ(r.pop(), 7);
  EXPECT_EQ(r.size(), 1u);
}
EOF
}

# ring_ctest CASE: configure, build and run the tests under ctest, as the job's step does
ring_ctest() {
  cap "$1" 1 <<'S'
cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug
cmake --build build -j2
cd build && ctest --output-on-failure
S
}

cx_gtest_failed() {
  local C=tests-googletest-ctest-failed
  proj tidewater/cx-ring
  ring_proj off-by-one
  ring_ctest $C
  spec $C $G <<E
$(hdr $C test u24 tests tests "$GTESTV" "A ring buffer keeps one slot free by mistake: two GoogleTest tests fail under ctest --output-on-failure, which prints each test's gtest output and ctest's summary.")
field exit_code $(rc $C 1)
field failed_count 2
field test_ids ["RingTest.HoldsCapacity", "RingTest.PopsInOrder"]
evidence ring_test.cc:7: Failure
evidence [  FAILED  ] RingTest.HoldsCapacity
step Build and test
  from $W/$C/1
E
}

cx_gtest_passed() {
  local C=none-googletest-ctest-passed
  proj tidewater/cx-ring
  ring_proj none
  ring_ctest $C
  spec $C $G <<E
$(hdr $C test u24 none none "$GTESTV" "The same ring buffer without the bug: the three GoogleTest tests pass under ctest.")
step Build and test
  from $W/$C/1
E
}

# sanitizer_spec CASE SANITIZER "NOTES" EVIDENCE... : a sanitizer case's spec (its one step
# fails; each EVIDENCE is a substring of a line that shows the report)
sanitizer_spec() {
  local c=$1 san=$2 notes=$3 e cat=tests
  shift 3
  # A data race is test-isolation, like go test -race's DATA RACE: it depends on scheduling.
  [[ $c == test-isolation-* ]] && cat=test-isolation
  {
    hdr "$c" sanitizers u24 $cat $cat "$GCCV ($san)" "$notes"
    echo "field exit_code $(rc "$c" 1)"
    for e in "$@"; do echo "evidence $e"; done
    echo "step Test with $san"
    echo "  from $W/$c/1"
  } | spec "$c" "$G"
}

# a test program reading one element past a vector's end (AddressSanitizer)
cx_asan() {
  local C=tests-asan-heap-buffer-overflow
  proj tidewater/cx-stats
  cat > stats_test.cc <<'EOF'
#include <cstdio>
#include <vector>
double mean(const std::vector<double>& v) {
  double sum = 0;
  for (std::size_t i = 0; i <= v.size(); ++i) sum += v.data()[i];  // one past the end
  return sum / v.size();
}
int main() {
  std::vector<double> v{1.0, 2.0, 3.0};
  std::printf("mean = %f\n", mean(v));
  return mean(v) == 2.0 ? 0 : 1;
}
EOF
  cap $C 1 <<'S'
g++ -std=c++17 -g -O1 -fsanitize=address -fno-omit-frame-pointer -o stats_test stats_test.cc
./stats_test
S
  sanitizer_spec $C AddressSanitizer "A test program reads one element past a vector's end; AddressSanitizer stops it with a heap-buffer-overflow report." 'ERROR: AddressSanitizer: heap-buffer-overflow' 'SUMMARY: AddressSanitizer'
}

# signed overflow in a checksum (UndefinedBehaviorSanitizer, stopping on the first error)
cx_ubsan() {
  local C=tests-ubsan-signed-integer-overflow
  proj tidewater/cx-checksum
  cat > checksum_test.cc <<'EOF'
#include <cstdio>
#include <cstring>
int checksum(const char* s) {
  int sum = 0;
  for (std::size_t i = 0; i < std::strlen(s); ++i) sum = sum * 131 + s[i];
  return sum;
}
int main(int argc, char**) {
  const char* text = argc > 5 ? "" : "the quick brown fox jumps over the lazy dog";
  std::printf("checksum = %d\n", checksum(text));
  return 0;
}
EOF
  cap $C 1 <<'S'
g++ -std=c++17 -g -O0 -fsanitize=undefined -fno-sanitize-recover=undefined -o checksum_test checksum_test.cc
./checksum_test
S
  sanitizer_spec $C UndefinedBehaviorSanitizer "A checksum overflows a signed int; with -fno-sanitize-recover UndefinedBehaviorSanitizer stops the test at the first runtime error." 'runtime error: signed integer overflow'
}

# two threads increment a counter without a lock (ThreadSanitizer)
cx_tsan() {
  local C=test-isolation-tsan-data-race
  proj tidewater/cx-counter
  cat > counter_test.cc <<'EOF'
#include <cstdio>
#include <thread>
static long hits = 0;
void work() { for (int i = 0; i < 100000; ++i) ++hits; }
int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  std::printf("hits = %ld\n", hits);
  return hits == 200000 ? 0 : 1;
}
EOF
  cap $C 1 <<'S'
g++ -std=c++17 -g -O1 -fsanitize=thread -o counter_test counter_test.cc -pthread
setarch "$(uname -m)" -R ./counter_test
S
  sanitizer_spec $C ThreadSanitizer "Two threads increment a counter without a lock; ThreadSanitizer reports the data race and the test exits non-zero (setarch -R: this kernel's address-space randomisation is too wide for TSan's memory map)." 'WARNING: ThreadSanitizer: data race' 'SUMMARY: ThreadSanitizer: data race'
}

# calc_configure_ac: the Autoconf/Automake configure.ac both Autotools cases here use
calc_configure_ac() {
  cat > configure.ac <<'EOF'
AC_INIT([calc], [1.0])
AM_INIT_AUTOMAKE([foreign])
AC_PROG_CC
AC_CONFIG_FILES([Makefile])
AC_OUTPUT
EOF
}

# Automake's test harness: two C test programs, one fails (make check)
cx_automake_check() {
  local C=tests-automake-make-check-failed
  proj tidewater/cx-calc
  calc_configure_ac
  cat > Makefile.am <<'EOF'
check_PROGRAMS = test_add test_mean
TESTS = $(check_PROGRAMS)
test_add_SOURCES = test_add.c calc.c
test_mean_SOURCES = test_mean.c calc.c
EOF
  calc_c
  cap $C 1 <<'S'
autoreconf -i
./configure
make check
S
  spec $C $G <<E
$(hdr $C test u24 tests tests "automake $(automake --version | head -1 | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?$'), $GCCV" "make check runs two C test programs through Automake's parallel test harness; one fails (an integer mean that truncates), the harness prints its summary and points at test-suite.log.")
field exit_code $(rc $C 1)
field failed_count 1
field test_ids ["test_mean"]
evidence FAIL: test_mean
evidence # FAIL:
step Build and check
  from $W/$C/1
E
}

# configure stops: the C compiler rejects the job's CFLAGS, so it "cannot create executables"
cx_configure_cc_broken() {
  local C=compile-autoconf-configure-cc-cannot-create-executables
  proj tidewater/cx-calc2
  calc_configure_ac
  cat > Makefile.am <<'EOF'
bin_PROGRAMS = calc
calc_SOURCES = calc.c
EOF
  calc_c
  cap $C 1 <<'S'
autoreconf -i
CFLAGS="-O2 -fno-such-option" ./configure
make
S
  spec $C $G <<E
$(hdr $C build u24 compile compile "autoconf $(autoconf --version | head -1 | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?$'), $GCCV" "configure's compiler check fails: the job passes a flag gcc does not know in CFLAGS, so the test program does not build and configure stops with 'C compiler cannot create executables' (config.log has gcc's own error).")
field exit_code $(rc $C 1)
evidence configure: error: C compiler cannot create executables
step Configure and build
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases cx_ "$@"
fi
