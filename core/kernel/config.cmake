# SPDX-License-Identifier: GPL-3.0-or-later
# The configuration loader/validator and the SQLite store, as one static library. The engine's
# sections fill the plain structs of core/engine/model (headers only, under the same include root).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)

add_library(portier_config STATIC
  ${CMAKE_CURRENT_LIST_DIR}/config_findings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_values.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_load.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_system.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_plugins.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_engine_sections.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_engine_values.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_engine_refs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_opening_hours.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_announcements.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_variants.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_tenants.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_ddi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_number_ranges.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_sites.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_directory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_presence.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_accounts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_secrets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_digest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/did_you_mean.cpp
  ${CMAKE_CURRENT_LIST_DIR}/yaml_mapping.cpp
  ${CMAKE_CURRENT_LIST_DIR}/yaml_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sql_statement.cpp
  ${CMAKE_CURRENT_LIST_DIR}/account_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/audit_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/session_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/migrations.cpp)
target_include_directories(portier_config PUBLIC ${PROJECT_SOURCE_DIR}/core)
target_link_libraries(portier_config
  PUBLIC SQLite::SQLite3
  PRIVATE yaml-cpp nlohmann_json::nlohmann_json OpenSSL::Crypto)
