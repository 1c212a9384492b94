// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the simulated agent's trace payload decoder on arbitrary bytes. The first byte
// picks the encoding (even: v0.4, odd: v0.5); whatever the rest holds, the decoder must answer
// with a summary or an error, never crash, throw or allocate without bound.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "connectivity/trace_payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  using tracegate::connectivity::TraceEncoding;
  const TraceEncoding encoding = data[0] % 2 == 0 ? TraceEncoding::kV04 : TraceEncoding::kV05;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  (void)tracegate::connectivity::decode_trace_payload(encoding, bytes);
  return 0;
}
