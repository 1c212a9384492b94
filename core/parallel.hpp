// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace tracegate::core {

/// Calls `task(i)` for every i in [0, count) on up to `jobs` threads. `task` must not throw;
/// results go into slots the caller sized beforehand, so order never depends on timing.
template <class Task>
void parallel_for(std::size_t count, int jobs, Task task) {
  const auto threads = static_cast<std::size_t>(std::clamp<long>(jobs, 1, static_cast<long>(std::max<std::size_t>(count, 1))));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) task(i);
    });
  }
}

}  // namespace tracegate::core
