// SPDX-License-Identifier: Apache-2.0
// service.datadog.yaml (Datadog Software Catalog). Schema v2.x: `schema-version: v2.x`,
// `dd-service`, `team`, `contacts: [{type, contact}]`, `tier`. Schema v3:
// `apiVersion: v3`, `kind: service`, `metadata: {name, owner, contacts}`, `spec: {tier}`.
// Older v1 files have `info: {dd-service}`. A file may hold several entities (documents).
#include "scanner/deploy/reader_units.hpp"

namespace tracegate::scanner::deploy {
namespace {

std::optional<core::Located<std::string>> first_text(YamlWalk& walk, std::initializer_list<YAML::Node> nodes) {
  for (const auto& node : nodes) {
    if (auto value = walk.located_text(node); value && !value->value.empty()) return value;
  }
  return std::nullopt;
}

void read_contacts(YamlWalk& walk, const YAML::Node& contacts, core::ServiceCatalogEntry& entry) {
  if (!contacts.IsSequence()) return;
  for (const auto& item : contacts) {
    if (!walk.visit(item)) break;
    const auto contact = walk.child(item, "contact");
    const auto type = walk.text(walk.child(item, "type")).value_or("");
    if (auto value = walk.located_text(contact)) {
      if (!type.empty()) value->value = type + ": " + value->value;
      entry.contacts.push_back(std::move(*value));
    }
  }
}

}  // namespace

void read_service_catalog_document(YamlWalk& walk, const YAML::Node& document, core::DeployInventory& out) {
  if (!document.IsMap()) return;
  core::ServiceCatalogEntry entry;
  entry.file = std::string(walk.path());
  entry.where = walk.at(document);
  const auto metadata = walk.child(document, "metadata");
  const auto api_version = walk.text(walk.child(document, "apiVersion"));
  entry.schema_version = api_version ? *api_version : walk.text(walk.child(document, "schema-version")).value_or("");
  if (api_version) {
    const auto kind = walk.text(walk.child(document, "kind")).value_or("service");
    if (kind != "service") return;  // v3 systems, queues, datastores: not a tracer's service
  }
  auto service = first_text(walk, {walk.child(document, "dd-service"), walk.path_of(document, {"info", "dd-service"}),
                                   walk.child(metadata, "name")});
  if (!service) {
    walk.warn(document, "service catalog entry without dd-service (v2) or metadata.name (v3); not read");
    return;
  }
  entry.service = std::move(*service);
  entry.team = first_text(walk, {walk.child(document, "team"), walk.child(metadata, "owner"),
                                 walk.child(document, "owner")});
  entry.tier = first_text(walk, {walk.child(document, "tier"), walk.path_of(document, {"spec", "tier"}),
                                 walk.child(metadata, "tier")});
  read_contacts(walk, walk.child(document, "contacts"), entry);
  read_contacts(walk, walk.child(metadata, "contacts"), entry);
  out.catalog_entries.push_back(std::move(entry));
}

}  // namespace tracegate::scanner::deploy
