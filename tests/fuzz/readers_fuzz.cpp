// SPDX-License-Identifier: Apache-2.0
// Fuzz target: every manifest reader on arbitrary bytes. The first byte picks the reader and
// the file name, the rest is the file; includes resolve against a one-file SourceView holding
// the same bytes, so `-r` cycles and self-includes are exercised too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/redact.hpp"
#include "core/pep508_syntax.hpp"
#include "scanner/readers.hpp"

namespace {

constexpr std::string_view kNames[] = {
    "svc/requirements.txt", "svc/pyproject.toml", "svc/poetry.lock",      "svc/uv.lock",
    "svc/Pipfile",          "svc/Pipfile.lock",   "svc/setup.cfg",        "svc/setup.py",
    "svc/.python-version",  "svc/runtime.txt",    "svc/.tool-versions",   "svc/Dockerfile",
    "svc/requirements/base.txt",
};

class EchoView final : public tracegate::scanner::SourceView {
 public:
  explicit EchoView(std::string_view bytes) : bytes_(bytes) {}
  tracegate::core::Result<std::string> read(std::string_view) const override { return std::string(bytes_); }

 private:
  std::string_view bytes_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view name = kNames[data[0] % std::size(kNames)];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const EchoView view(bytes);
  for (const auto& reader : tracegate::scanner::all_readers()) {
    if (reader->accepts(name)) (void)reader->read({name, bytes}, view);
  }
  (void)tracegate::core::split_pep508(bytes);
  (void)tracegate::core::redact_credentials(bytes);
  return 0;
}
