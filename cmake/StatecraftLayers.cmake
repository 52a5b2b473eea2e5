# One static library per area, linked in the layer order (docs/architecture.md):
#   statecraft_area(<area> [PUBLIC <areas>...] [PRIVATE <areas>...])
# makes statecraft_<area> (alias statecraft::<area>) linking statecraft_<each area named>, then
# reads src/<area>/CMakeLists.txt, which lists the area's sources. Areas must be declared lowest
# first. Before the area compiles, cmake/CheckLayers.cmake checks that its sources and headers
# include only its own headers and those of the areas it links (directly or through them), so a
# wrong-way include fails the build.
function(statecraft_area area)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "PUBLIC;PRIVATE")
  set(target statecraft_${area})
  add_library(${target} STATIC)
  add_library(statecraft::${area} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${area})
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
                                              $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
                                       PRIVATE ${PROJECT_SOURCE_DIR}/src)
  statecraft_warnings(${target})

  # The areas this one may use: those it links and, transitively, theirs.
  set(allowed "")
  foreach(dep IN LISTS arg_PUBLIC arg_PRIVATE)
    if(NOT TARGET statecraft_${dep})
      message(FATAL_ERROR "statecraft_area(${area}): area '${dep}' is not declared below it")
    endif()
    get_property(below GLOBAL PROPERTY STATECRAFT_ALLOWED_${dep})
    list(APPEND allowed ${dep} ${below})
  endforeach()
  list(REMOVE_DUPLICATES allowed)
  set_property(GLOBAL PROPERTY STATECRAFT_ALLOWED_${area} ${allowed})
  list(TRANSFORM arg_PUBLIC PREPEND statecraft_)
  list(TRANSFORM arg_PRIVATE PREPEND statecraft_)
  target_link_libraries(${target} PUBLIC ${arg_PUBLIC} PRIVATE ${arg_PRIVATE})
  set_property(GLOBAL APPEND PROPERTY STATECRAFT_AREAS ${area})

  # The layer check, rerun when a file of the area changes.
  get_property(areas GLOBAL PROPERTY STATECRAFT_AREA_NAMES)
  list(JOIN allowed "," allowed_arg)
  list(JOIN areas "," areas_arg)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/${area}/*.cpp ${PROJECT_SOURCE_DIR}/src/${area}/*.hpp
                                            ${PROJECT_SOURCE_DIR}/include/statecraft/${area}/*.hpp)
  file(GLOB top CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/statecraft/*.hpp)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/layers/${area}.checked)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR} -DAREA=${area} -DALLOWED=${allowed_arg} -DAREAS=${areas_arg}
            -P ${PROJECT_SOURCE_DIR}/cmake/CheckLayers.cmake
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${files} ${top} ${PROJECT_SOURCE_DIR}/cmake/CheckLayers.cmake
    COMMENT "Checking the includes of ${area} against the layers" VERBATIM)
  add_custom_target(${target}_layers DEPENDS ${stamp})
  add_dependencies(${target} ${target}_layers)

  add_subdirectory(${area})
endfunction()
