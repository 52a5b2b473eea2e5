# Installation: headers, the library, the CLI and an exported CMake package, so that a project
# can use `find_package(statecraft)` and link `statecraft::statecraft` (every area) or one area's
# library, e.g. `statecraft::games` (with the areas below it).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_pkgdir ${CMAKE_INSTALL_LIBDIR}/cmake/statecraft)
get_property(_areas GLOBAL PROPERTY STATECRAFT_AREAS)
list(TRANSFORM _areas PREPEND statecraft_ OUTPUT_VARIABLE _targets)
list(APPEND _targets statecraft)
if(TARGET statecraft_cli)
  list(APPEND _targets statecraft_cli)
endif()
install(TARGETS ${_targets} EXPORT statecraftTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/statecraft DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT statecraftTargets NAMESPACE statecraft:: DESTINATION ${_pkgdir})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/statecraftConfig.cmake.in
  ${PROJECT_BINARY_DIR}/statecraftConfig.cmake INSTALL_DESTINATION ${_pkgdir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/statecraftConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/statecraftConfig.cmake ${PROJECT_BINARY_DIR}/statecraftConfigVersion.cmake
        DESTINATION ${_pkgdir})
