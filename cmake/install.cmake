# cmake --install BUILD [--prefix PREFIX]: the program, its man page, the
# library with its header, bindery.pc and the CMake package (find_package(bindery)).
include(CMakePackageConfigHelpers)

install(TARGETS bindery RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/doc/bindery.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(TARGETS ${BD_INSTALL_LIBS} EXPORT bindery-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${CMAKE_SOURCE_DIR}/include/bindery.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# A static-only install needs its dependencies on every link, a shared
# library only when linking statically (pkg-config --static).
set(BD_PC_DEPS "libxml-2.0 libzip uuid libutf8proc libcrypto zlib icu-uc icu-i18n")
if(BINDERY_SHARED)
  set(BD_PC_REQUIRES "")
  set(BD_PC_REQUIRES_PRIVATE "${BD_PC_DEPS}")
  set(BD_PC_LIBS "")
  set(BD_PC_LIBS_PRIVATE "-lhyphen -lm")
else()
  set(BD_PC_REQUIRES "${BD_PC_DEPS}")
  set(BD_PC_REQUIRES_PRIVATE "")
  # libhyphen has no .pc file of its own.
  set(BD_PC_LIBS "-lhyphen -lm")
  set(BD_PC_LIBS_PRIVATE "")
endif()
# Relocatable: the prefix is found from the .pc file's own folder, so that
# cmake --install --prefix anywhere gives a bindery.pc that works there.
file(RELATIVE_PATH BD_PC_TO_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
string(REGEX REPLACE "/$" "" BD_PC_TO_PREFIX "${BD_PC_TO_PREFIX}")
configure_file(${CMAKE_SOURCE_DIR}/cmake/bindery.pc.in ${CMAKE_BINARY_DIR}/bindery.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/bindery.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

set(BD_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/bindery)
install(EXPORT bindery-targets NAMESPACE bindery:: DESTINATION ${BD_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/binderyConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/binderyConfig.cmake INSTALL_DESTINATION ${BD_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/binderyConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/binderyConfig.cmake ${CMAKE_BINARY_DIR}/binderyConfigVersion.cmake
        DESTINATION ${BD_CMAKE_DIR})
