# xasite_module(<target> PUBLIC_HEADERS <header> ...)
# Each folder is a library with a small public header. The repository root is not an include path:
#   - the target's own sources see every header of its folder (a private include tree of links,
#     build/include-private/<target>/<folder>/…);
#   - whoever links the target sees only its PUBLIC_HEADERS (build/include/<target>/<folder>/…),
#     so including another module's private header fails to compile.
# Headers keep their repository paths ("generator/site/build.hpp"). Tests, fuzz targets and
# benchmarks may look inside modules: they add the repository root themselves.
function(xasite_module target)
  cmake_parse_arguments(M "" "" "PUBLIC_HEADERS" ${ARGN})
  file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  set(public_root ${PROJECT_BINARY_DIR}/include/${target})
  set(private_root ${PROJECT_BINARY_DIR}/include-private/${target})
  file(REMOVE_RECURSE ${public_root} ${private_root})
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}
       ${CMAKE_CURRENT_SOURCE_DIR}/*.hpp)
  foreach(h IN LISTS headers)
    get_filename_component(dir ${private_root}/${h} DIRECTORY)
    file(MAKE_DIRECTORY ${dir})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${h} ${private_root}/${h} SYMBOLIC)
  endforeach()
  foreach(h IN LISTS M_PUBLIC_HEADERS)
    set(rel ${folder}/${h})
    if(NOT EXISTS ${PROJECT_SOURCE_DIR}/${rel})
      message(FATAL_ERROR "xasite_module(${target}): no public header ${rel}")
    endif()
    get_filename_component(dir ${public_root}/${rel} DIRECTORY)
    file(MAKE_DIRECTORY ${dir})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${rel} ${public_root}/${rel} SYMBOLIC)
  endforeach()
  target_include_directories(${target} PUBLIC ${public_root} PRIVATE ${private_root})
endfunction()
