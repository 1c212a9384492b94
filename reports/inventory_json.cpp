// SPDX-License-Identifier: Apache-2.0
#include "reports/inventory_order.hpp"
#include "reports/inventory_writer.hpp"
#include "reports/json_stream.hpp"

namespace tracegate::reports {

namespace {

void location(JsonStream& json, const core::SourceLocation& where) {
  json.begin_object();
  json.key("file").value(where.path);
  json.key("line").value(where.line);
  json.key("column").value(where.column);
  json.end_object();
}

void diagnostic(JsonStream& json, const core::Diagnostic& d, bool with_repository) {
  json.begin_object();
  if (with_repository) json.key("repository").value(d.repository);
  json.key("file").value(d.where.path);
  json.key("line").value(d.where.line);
  json.key("column").value(d.where.column);
  json.key("level").value(core::to_string(d.level));
  json.key("message").value(d.message);
  json.end_object();
}

void requirement(JsonStream& json, const core::Requirement& r) {
  json.begin_object();
  json.key("name").value(r.name);
  json.key("normalized_name").value(r.normalized_name);
  json.key("ecosystem").value(core::to_string(r.ecosystem));
  json.key("constraint").value(r.constraint);
  json.key("syntax").value(core::to_string(r.syntax));
  json.key("extras").string_array(r.extras);
  json.key("markers").value(r.markers);
  json.key("scope").value(core::to_string(r.scope));
  json.key("group").value(r.group);
  json.key("declared").value(r.declared);
  json.key("constraint_only").value(r.constraint_only);
  json.key("via").string_array(r.via);
  json.key("url").value(r.url);
  json.key("editable").value(r.editable);
  json.key("resolvable").value(r.resolvable);
  json.key("origin");
  location(json, r.origin);
  json.end_object();
}

void lock_entry(JsonStream& json, const core::LockEntry& e) {
  json.begin_object();
  json.key("name").value(e.name);
  json.key("normalized_name").value(e.normalized_name);
  json.key("ecosystem").value(core::to_string(e.ecosystem));
  json.key("version").value(e.version);
  json.key("groups").string_array(e.groups);
  json.key("dependencies").begin_array();
  for (const auto& d : e.dependencies) {
    json.begin_object();
    json.key("name").value(d.name);
    json.key("normalized_name").value(d.normalized_name);
    json.key("constraint").value(d.constraint);
    json.key("markers").value(d.markers);
    json.end_object();
  }
  json.end_array();
  json.key("origin");
  location(json, e.origin);
  json.end_object();
}

void runtime_hint(JsonStream& json, const core::RuntimeHint& h) {
  json.begin_object();
  json.key("language").value(core::to_string(h.language));
  json.key("version").value(h.version);
  json.key("is_range").value(h.is_range);
  json.key("syntax").value(core::to_string(h.syntax));
  json.key("source").value(core::to_string(h.source));
  json.key("origin");
  location(json, h.origin);
  json.end_object();
}

void tracer(JsonStream& json, const std::optional<core::TracerUse>& t) {
  if (!t) return json.null();
  json.begin_object();
  json.key("package").value(t->package);
  json.key("constraint").value(t->constraint);
  json.key("syntax").value(core::to_string(t->syntax));
  json.key("locked_version");
  t->locked_version ? json.value(*t->locked_version) : json.null();
  json.key("origin");
  location(json, t->origin);
  json.key("lock_origin");
  t->lock_origin ? location(json, *t->lock_origin) : json.null();
  json.end_object();
}

void runtime(JsonStream& json, const std::optional<core::Runtime>& r) {
  if (!r) return json.null();
  json.begin_object();
  json.key("language").value(core::to_string(r->language));
  json.key("version").value(r->version);
  json.key("is_range").value(r->is_range);
  json.key("source").value(core::to_string(r->source));
  json.key("origin");
  location(json, r->origin);
  json.end_object();
}

std::string_view ecosystem_of(core::Language language) {
  switch (language) {
    case core::Language::python: return core::to_string(core::Ecosystem::pypi);
    case core::Language::php: return core::to_string(core::Ecosystem::packagist);
    case core::Language::jvm: return core::to_string(core::Ecosystem::maven);
  }
  return "unknown";
}

void optional_string(JsonStream& json, const std::string& text) { text.empty() ? json.null() : json.value(text); }

template <class T, class F>
void array_of(JsonStream& json, const std::vector<T>& items, F write) {
  json.begin_array();
  for (const auto& item : items) write(json, item);
  json.end_array();
}

void service(JsonStream& json, const core::Service& s) {
  json.begin_object();
  json.key("name").value(s.name);
  json.key("repository").value(s.source.repository);
  json.key("ref");
  optional_string(json, s.source.ref);
  json.key("commit");
  optional_string(json, s.source.commit);
  json.key("path").value(s.path);
  json.key("language").value(core::to_string(s.language));
  json.key("ecosystem").value(ecosystem_of(s.language));
  json.key("tracer");
  tracer(json, s.tracer);
  json.key("runtime");
  runtime(json, s.runtime);
  json.key("runtime_hints");
  array_of(json, s.runtime_hints, runtime_hint);
  json.key("files").string_array(s.files);
  json.key("requirements");
  array_of(json, s.requirements, requirement);
  json.key("lock_entries");
  array_of(json, s.lock_entries, lock_entry);
  json.key("diagnostics");
  array_of(json, s.diagnostics, [](JsonStream& j, const core::Diagnostic& d) { diagnostic(j, d, false); });
  json.end_object();
}

class InventoryJsonWriter final : public InventoryWriter {
 public:
  std::string_view name() const override { return "json"; }
  std::string_view description() const override { return "the whole inventory as JSON (schema_version 1)"; }
  core::Result<void> write(const core::Inventory& inventory, std::ostream& out) const override {
    {
      JsonStream json(out);
      json.begin_object();
      json.key("schema_version").value(1);
      json.key("tool").begin_object();
      json.key("name").value("tracegate");
      json.key("version").value(TRACEGATE_VERSION);
      json.end_object();
      json.key("services").begin_array();
      for (const auto* s : ordered_services(inventory)) service(json, *s);
      json.end_array();
      json.key("diagnostics").begin_array();
      for (const auto* d : ordered_diagnostics(inventory.diagnostics)) diagnostic(json, *d, true);
      json.end_array();
      const auto counts = count(inventory);
      json.key("summary").begin_object();
      json.key("repositories").value(counts.repositories);
      json.key("services").value(counts.services);
      json.key("services_with_tracer").value(counts.with_tracer);
      json.key("diagnostics").value(counts.diagnostics);
      json.end_object();
      json.end_object();
    }
    if (!out) return core::fail("cannot write the JSON report");
    return {};
  }
};

}  // namespace

std::unique_ptr<InventoryWriter> make_inventory_json_writer() { return std::make_unique<InventoryJsonWriter>(); }

}  // namespace tracegate::reports
