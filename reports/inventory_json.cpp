// SPDX-License-Identifier: Apache-2.0
#include <nlohmann/json.hpp>

#include "core/redact.hpp"
#include "reports/inventory_writer.hpp"
#include "reports/inventory_order.hpp"

namespace tracegate::reports {

namespace {

using Json = nlohmann::ordered_json;

Json location(const core::SourceLocation& where) {
  return Json{{"file", where.path}, {"line", where.line}, {"column", where.column}};
}

Json diagnostic(const core::Diagnostic& d, bool with_repository) {
  Json out;
  if (with_repository) out["repository"] = d.repository;
  out["file"] = d.where.path;
  out["line"] = d.where.line;
  out["column"] = d.where.column;
  out["level"] = core::to_string(d.level);
  out["message"] = d.message;
  return out;
}

Json requirement(const core::Requirement& r) {
  return Json{{"name", r.name},
              {"normalized_name", r.normalized_name},
              {"ecosystem", core::to_string(r.ecosystem)},
              {"constraint", r.constraint},
              {"syntax", core::to_string(r.syntax)},
              {"extras", r.extras},
              {"markers", r.markers},
              {"scope", core::to_string(r.scope)},
              {"group", r.group},
              {"declared", r.declared},
              {"constraint_only", r.constraint_only},
              {"via", r.via},
              {"url", r.url},
              {"editable", r.editable},
              {"resolvable", r.resolvable},
              {"origin", location(r.origin)}};
}

Json lock_entry(const core::LockEntry& e) {
  Json dependencies = Json::array();
  for (const auto& d : e.dependencies) {
    dependencies.push_back(Json{{"name", d.name}, {"normalized_name", d.normalized_name},
                                {"constraint", d.constraint}, {"markers", d.markers}});
  }
  return Json{{"name", e.name},
              {"normalized_name", e.normalized_name},
              {"ecosystem", core::to_string(e.ecosystem)},
              {"version", e.version},
              {"groups", e.groups},
              {"dependencies", std::move(dependencies)},
              {"origin", location(e.origin)}};
}

Json runtime_hint(const core::RuntimeHint& h) {
  return Json{{"language", core::to_string(h.language)}, {"version", h.version}, {"is_range", h.is_range},
              {"syntax", core::to_string(h.syntax)},     {"source", core::to_string(h.source)},
              {"origin", location(h.origin)}};
}

Json tracer(const std::optional<core::TracerUse>& t) {
  if (!t) return nullptr;
  return Json{{"package", t->package},
              {"constraint", t->constraint},
              {"syntax", core::to_string(t->syntax)},
              {"locked_version", t->locked_version ? Json(*t->locked_version) : Json(nullptr)},
              {"origin", location(t->origin)},
              {"lock_origin", t->lock_origin ? location(*t->lock_origin) : Json(nullptr)}};
}

Json runtime(const std::optional<core::Runtime>& r) {
  if (!r) return nullptr;
  return Json{{"language", core::to_string(r->language)}, {"version", r->version}, {"is_range", r->is_range},
              {"source", core::to_string(r->source)},     {"origin", location(r->origin)}};
}

template <class T, class F>
Json array_of(const std::vector<T>& items, F convert) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(convert(item));
  return out;
}

std::string_view ecosystem_of(core::Language language) {
  switch (language) {
    case core::Language::python: return core::to_string(core::Ecosystem::pypi);
    case core::Language::php: return core::to_string(core::Ecosystem::packagist);
    case core::Language::jvm: return core::to_string(core::Ecosystem::maven);
  }
  return "unknown";
}

Json service(const core::Service& s) {
  return Json{{"name", s.name},
              {"repository", s.source.repository},
              {"ref", s.source.ref.empty() ? Json(nullptr) : Json(s.source.ref)},
              {"commit", s.source.commit.empty() ? Json(nullptr) : Json(s.source.commit)},
              {"path", s.path},
              {"language", core::to_string(s.language)},
              {"ecosystem", ecosystem_of(s.language)},
              {"tracer", tracer(s.tracer)},
              {"runtime", runtime(s.runtime)},
              {"runtime_hints", array_of(s.runtime_hints, runtime_hint)},
              {"files", s.files},
              {"requirements", array_of(s.requirements, requirement)},
              {"lock_entries", array_of(s.lock_entries, lock_entry)},
              {"diagnostics", array_of(s.diagnostics, [](const auto& d) { return diagnostic(d, false); })}};
}

/// Credentials may hide in any string (index URLs, VCS requirements, repository paths).
void redact_all(Json& node) {
  if (node.is_string()) {
    node = core::redact_credentials(node.get_ref<const std::string&>());
  } else if (node.is_structured()) {
    for (auto& child : node) redact_all(child);
  }
}

class InventoryJsonWriter final : public InventoryWriter {
 public:
  std::string_view name() const override { return "json"; }
  std::string_view description() const override { return "the whole inventory as JSON (schema_version 1)"; }
  core::Result<void> write(const core::Inventory& inventory, std::ostream& out) const override {
    const auto services = ordered_services(inventory);
    const auto diagnostics = ordered_diagnostics(inventory.diagnostics);
    Json root{{"schema_version", 1}, {"tool", Json{{"name", "tracegate"}, {"version", TRACEGATE_VERSION}}}};
    root["services"] = Json::array();
    for (const auto* s : services) root["services"].push_back(service(*s));
    root["diagnostics"] = Json::array();
    for (const auto* d : diagnostics) root["diagnostics"].push_back(diagnostic(*d, true));
    const auto counts = count(inventory);
    root["summary"] = Json{{"repositories", counts.repositories}, {"services", counts.services},
                           {"services_with_tracer", counts.with_tracer}, {"diagnostics", counts.diagnostics}};
    redact_all(root);
    out << root.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    return {};
  }
};

}  // namespace

std::unique_ptr<InventoryWriter> make_inventory_json_writer() { return std::make_unique<InventoryJsonWriter>(); }

}  // namespace tracegate::reports
