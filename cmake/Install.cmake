# Install rules and the Debian package (CPack). Included once from the top-level CMakeLists.txt.
#
#   cmake --install build/release --prefix /usr [--destdir …]   (or DESTDIR=… cmake --install …)
#   cd build/release && cpack -G DEB                             → xasite_<version>_<arch>.deb
#   make package                                                 (configure Release, build, cpack)
#
# What the binary reads at run time: the default theme (templates/), the archetypes of `xasite new`
# (archetypes/) and the search lexicon (content/search/) are compiled in (cmake/EmbedFiles.cmake),
# so nothing of them is installed for the binary's sake. It reads from disk only the content tree
# it is given (--content) and the sites it built; the province's content tree is installed as the
# example and starting point under share/xasite/content (postinst copies it to
# /var/lib/xasite/content on a first install).
#
# The systemd units name /usr/bin/xasite and /etc/default/xasite: they are written for the package
# (prefix /usr). Installed with another prefix, they are still installed, but name the package's
# paths.
include(GNUInstallDirs)

# The repository (the folder above this file's), so that tests/packaging can package a stand-in
# binary with these same rules.
get_filename_component(XASITE_SOURCE_ROOT ${CMAKE_CURRENT_LIST_DIR} DIRECTORY)
set(XASITE_PACKAGING_DIR ${XASITE_SOURCE_ROOT}/packaging)

install(TARGETS xasite RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The example content tree (the real Đắk Lắk data).
install(DIRECTORY ${XASITE_SOURCE_ROOT}/content/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/xasite/content
        USE_SOURCE_PERMISSIONS)

install(FILES ${XASITE_PACKAGING_DIR}/man/xasite.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${XASITE_PACKAGING_DIR}/completion/xasite.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME xasite)

# systemd units (lib/systemd/system below the prefix: /usr/lib/systemd/system in the package) and
# their settings, a conffile of the package.
install(FILES
        ${XASITE_PACKAGING_DIR}/systemd/xasite-serve.service
        ${XASITE_PACKAGING_DIR}/systemd/xasite-admin.service
        ${XASITE_PACKAGING_DIR}/systemd/xasite-build.service
        ${XASITE_PACKAGING_DIR}/systemd/xasite-build.timer
        ${XASITE_PACKAGING_DIR}/systemd/xasite-archive-verify.service
        ${XASITE_PACKAGING_DIR}/systemd/xasite-archive-verify.timer
        DESTINATION lib/systemd/system)
install(FILES ${XASITE_PACKAGING_DIR}/default/xasite DESTINATION /etc/default)

# Documentation, and the nginx include and listen file as examples (not enabled: the operator copies it).
install(FILES ${XASITE_SOURCE_ROOT}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
file(GLOB XASITE_DOCS CONFIGURE_DEPENDS ${XASITE_SOURCE_ROOT}/docs/*.md)
install(FILES ${XASITE_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The screenshots docs/HUONG-DAN-CAN-BO.md shows.
install(DIRECTORY ${XASITE_SOURCE_ROOT}/docs/huong-dan DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${XASITE_PACKAGING_DIR}/nginx/xasite.conf.example
              ${XASITE_PACKAGING_DIR}/nginx/xasite-listen.conf.example
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# ---- CPack: the Debian package ----
set(XASITE_DEB_MAINTAINER "xasite maintainers <xasite@localhost>" CACHE STRING
    "Maintainer field of the Debian package (Name <address>)")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME xasite)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "static sites, archives and Vietnamese search for the communes of a province")
set(CPACK_PACKAGE_DESCRIPTION
    "xasite builds one static website per commune or ward and a province entry site from a
content tree (the administrative-unit registry, the administrative procedures, official
documents, commune pages), with a Xapian search index in Vietnamese, the browsable archives of
the dissolved districts' websites and an old-to-new unit lookup. It serves the sites and their
search (xasite serve, behind nginx) and has a web editor for commune staff (xasite admin).
The package installs systemd units for the server, the editor, a nightly rebuild and a weekly fixity check of the archives.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)            # xasite_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${XASITE_DEB_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries come from dpkg-shlibdeps (whatever the binary links, e.g. libmicrohttpd once the
# server uses it); adduser is for postinst.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nginx, xapian-tools")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${XASITE_PACKAGING_DIR}/debian/postinst
    ${XASITE_PACKAGING_DIR}/debian/prerm
    ${XASITE_PACKAGING_DIR}/debian/postrm
    ${XASITE_PACKAGING_DIR}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
