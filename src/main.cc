// Thin: argv/stdio → run_cli.
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <iostream>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "app/cli.h"

namespace {

// Start-up builds the engine in ~8 MB of small heap blocks (the rule set, the matcher's plan and
// indexes), and the kernel faults each 4 KiB page in on first touch: about 2,000 faults, a fifth of
// the run on a small log. Grow the heap once by 16 MiB and let the kernel back it with transparent
// huge pages where it allows them (THP "madvise" mode, Debian's and Ubuntu's default): what glibc's
// `glibc.malloc.hugetlb=1` tunable does, which only the environment can set. Anything the checks
// below do not recognise (another allocator, a sanitizer's, no brk heap) leaves the heap as it is.
void grow_heap_in_huge_pages() {
#if defined(__linux__) && defined(__GLIBC__) && defined(M_TOP_PAD) && defined(MADV_HUGEPAGE)
  constexpr std::size_t kPad = std::size_t{16} << 20;
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto brk_before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (brk_before == static_cast<std::uintptr_t>(-1) || mallopt(M_TOP_PAD, static_cast<int>(kPad)) != 1)
    return;
  // Blocks below the mmap threshold come from the brk heap: take them until the heap grows
  // (by kPad at once), then give them back.
  void* blocks[8] = {};
  std::uintptr_t brk_after = brk_before;
  int n = 0;
  for (; n < 8 && brk_after == brk_before; ++n) {
    blocks[n] = std::malloc(std::size_t{64} << 10);
    brk_after = reinterpret_cast<std::uintptr_t>(sbrk(0));
  }
  const auto first = reinterpret_cast<std::uintptr_t>(blocks[0]);
  if (blocks[0] != nullptr && brk_after > brk_before && first < brk_after) {
    const std::uintptr_t start = (brk_before + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t end = brk_after & ~(kHuge - 1);
    if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
  }
  for (int i = 0; i < n; ++i) std::free(blocks[i]);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  grow_heap_in_huge_pages();
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  return ci_triage::run_cli(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}
