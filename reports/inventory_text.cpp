// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "core/redact.hpp"
#include "reports/inventory_order.hpp"
#include "reports/inventory_writer.hpp"

namespace tracegate::reports {

namespace {

using Row = std::array<std::string, 6>;

std::string tracer_cell(const core::Service& s) {
  if (!s.tracer) return "-";
  return s.tracer->package + (s.tracer->constraint.empty() ? "" : " " + s.tracer->constraint);
}

std::string locked_cell(const core::Service& s) {
  return s.tracer && s.tracer->locked_version ? *s.tracer->locked_version : "-";
}

std::string runtime_cell(const core::Service& s) {
  if (!s.runtime) return "-";
  return fmt::format("{} {}", core::to_string(s.runtime->language), s.runtime->version);
}

/// Paths inside the service directory are shown relative to it; others in full.
std::string files_cell(const core::Service& s) {
  std::vector<std::string_view> shown;
  const std::string prefix = s.path == "." ? "" : s.path + "/";
  for (const auto& file : s.files) {
    std::string_view view = file;
    if (!prefix.empty() && view.starts_with(prefix)) view.remove_prefix(prefix.size());
    shown.push_back(view);
  }
  return fmt::format("{}", fmt::join(shown, " "));
}

std::string location_cell(const core::Service& s, bool many_repositories) {
  std::string where = s.path;
  if (many_repositories) {
    where = fmt::format("{}:{}", s.source.name.empty() ? s.source.repository : s.source.name, s.path);
  }
  if (!s.source.ref.empty()) where += fmt::format("@{}", s.source.ref);
  return where;
}

void print_table(const std::vector<Row>& rows, std::ostream& out) {
  std::array<std::size_t, 6> width{};
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += i + 1 == row.size() ? row[i] : fmt::format("{:<{}}  ", row[i], width[i]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

class InventoryTextWriter final : public InventoryWriter {
 public:
  std::string_view name() const override { return "text"; }
  std::string_view description() const override { return "a table: service, tracer, version, runtime, files"; }
  core::Result<void> write(const core::Inventory& inventory, std::ostream& out) const override {
    const auto counts = count(inventory);
    const bool many = counts.repositories > 1;
    std::vector<Row> rows{{"SERVICE", "PATH", "TRACER", "LOCKED", "RUNTIME", "FILES"}};
    std::vector<const core::Diagnostic*> diagnostics;
    for (const auto* s : ordered_services(inventory)) {
      rows.push_back({s->name, location_cell(*s, many), tracer_cell(*s), locked_cell(*s), runtime_cell(*s), files_cell(*s)});
      for (const auto& d : s->diagnostics) diagnostics.push_back(&d);
    }
    for (auto& row : rows) {
      for (auto& cell : row) cell = core::redact_credentials(cell);
    }
    print_table(rows, out);
    for (const auto* d : ordered_diagnostics(inventory.diagnostics)) diagnostics.push_back(d);
    if (!diagnostics.empty()) out << '\n';
    for (const auto* d : diagnostics) {
      const auto prefix = many ? d->repository + ":" : std::string();
      out << core::redact_credentials(fmt::format("{}{}", prefix, core::to_string(*d))) << '\n';
    }
    out << fmt::format("\n{} service(s) in {} repositor{}, {} with a tracer, {} diagnostic(s)\n", counts.services,
                       counts.repositories, counts.repositories == 1 ? "y" : "ies", counts.with_tracer,
                       counts.diagnostics);
    return {};
  }
};

}  // namespace

std::unique_ptr<InventoryWriter> make_inventory_text_writer() { return std::make_unique<InventoryTextWriter>(); }

}  // namespace tracegate::reports
