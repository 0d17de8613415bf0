# SPDX-License-Identifier: MIT
# Installs the SDK alone (component `sdk`): the headers, the exported INTERFACE target
# Portier::sdk with its package config, the plugin build helper, and a pkg-config file.
#   cmake --install <build> --component sdk --prefix <P>
# Everything installed is relocatable: paths are relative to where the files land.
include(CMakePackageConfigHelpers)

# The SDK release comes from version.h, the one place it is written.
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/include/portier/version.h _portier_sdk_version_line
     REGEX "^#define PORTIER_SDK_VERSION_STRING \"[0-9]+\\.[0-9]+\\.[0-9]+\"")
string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" PORTIER_SDK_VERSION "${_portier_sdk_version_line}")
if(NOT PORTIER_SDK_VERSION)
  message(FATAL_ERROR "sdk/install.cmake: PORTIER_SDK_VERSION_STRING not found in version.h")
endif()

# The SDK is header-only and the same on every architecture, so it lives under lib/ (not the
# multiarch lib dir) where both find_package and pkg-config look.
set(PORTIER_SDK_CMAKE_DIR lib/cmake/PortierSDK)
set(PORTIER_SDK_PKGCONFIG_DIR lib/pkgconfig)
set(PORTIER_SDK_INCLUDE_DIR ${CMAKE_INSTALL_INCLUDEDIR})

install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/portier
        DESTINATION ${PORTIER_SDK_INCLUDE_DIR}
        COMPONENT sdk
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

set_target_properties(portier_sdk PROPERTIES EXPORT_NAME sdk)
install(TARGETS portier_sdk EXPORT PortierSDKTargets COMPONENT sdk)
install(EXPORT PortierSDKTargets
        NAMESPACE Portier::
        DESTINATION ${PORTIER_SDK_CMAKE_DIR}
        COMPONENT sdk)

configure_package_config_file(
  ${CMAKE_CURRENT_SOURCE_DIR}/cmake/PortierSDKConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/PortierSDKConfig.cmake
  INSTALL_DESTINATION ${PORTIER_SDK_CMAKE_DIR}
  PATH_VARS PORTIER_SDK_INCLUDE_DIR)
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/PortierSDKConfigVersion.cmake
  VERSION ${PORTIER_SDK_VERSION}
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)
install(FILES
          ${CMAKE_CURRENT_BINARY_DIR}/PortierSDKConfig.cmake
          ${CMAKE_CURRENT_BINARY_DIR}/PortierSDKConfigVersion.cmake
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/PortierPlugin.cmake
          ${CMAKE_CURRENT_SOURCE_DIR}/cmake/portier-plugin.map
        DESTINATION ${PORTIER_SDK_CMAKE_DIR}
        COMPONENT sdk)

configure_file(${CMAKE_CURRENT_SOURCE_DIR}/pkgconfig/portier-sdk.pc.in
               ${CMAKE_CURRENT_BINARY_DIR}/portier-sdk.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/portier-sdk.pc
        DESTINATION ${PORTIER_SDK_PKGCONFIG_DIR}
        COMPONENT sdk)

if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)
  install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/portier-sdk
          COMPONENT sdk)
endif()
