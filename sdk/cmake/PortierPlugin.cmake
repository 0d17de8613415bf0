# SPDX-License-Identifier: MIT
# portier_add_plugin(<target> SOURCES <files...> [OUTPUT_NAME <name>] [OUTPUT_DIRECTORY <dir>])
#
# Builds a Portier plugin: a shared object whose only exported symbol is portier_plugin_entry.
# Hidden visibility plus a linker version script keep everything else local, so plugins that
# bundle different versions of one library never interpose each other's symbols. Used in the
# Portier tree and, installed, by plugins built out of tree (find_package(PortierSDK)).
set(_PORTIER_PLUGIN_MAP "${CMAKE_CURRENT_LIST_DIR}/portier-plugin.map" CACHE INTERNAL "")

function(portier_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_NAME;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "portier_add_plugin(${target}): SOURCES is required")
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  if(TARGET Portier::sdk)
    target_link_libraries(${target} PRIVATE Portier::sdk)
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS "${_PORTIER_PLUGIN_MAP}")
  if(ARG_OUTPUT_NAME)
    set_target_properties(${target} PROPERTIES OUTPUT_NAME ${ARG_OUTPUT_NAME})
  endif()
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  endif()
  # -z defs: an undefined symbol is a link error, never a surprise at load time in the core.
  target_link_options(${target} PRIVATE
    "LINKER:--version-script=${_PORTIER_PLUGIN_MAP}" "LINKER:-z,defs" "LINKER:-z,now")
endfunction()
