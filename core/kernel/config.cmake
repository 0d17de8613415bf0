# SPDX-License-Identifier: GPL-3.0-or-later
# The configuration loader/validator and the SQLite store, as one static library.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)

add_library(portier_config STATIC
  ${CMAKE_CURRENT_LIST_DIR}/config_findings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_values.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_load.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_system.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_plugins.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_secrets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config_digest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/did_you_mean.cpp
  ${CMAKE_CURRENT_LIST_DIR}/yaml_mapping.cpp
  ${CMAKE_CURRENT_LIST_DIR}/yaml_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/migrations.cpp)
target_include_directories(portier_config PUBLIC ${PROJECT_SOURCE_DIR}/core)
target_link_libraries(portier_config
  PUBLIC SQLite::SQLite3
  PRIVATE yaml-cpp nlohmann_json::nlohmann_json OpenSSL::Crypto)
