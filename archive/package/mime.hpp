// Media types: what a captured resource is (by its recorded Content-Type, else by sniffing its
// first bytes, else by the URL's extension), and the file extension that makes a static server
// send the recorded type again.
#pragma once

#include <string>
#include <string_view>

namespace xasite::archive {

enum class MimeKind { html, css, script, pdf, image, document, text, other };

MimeKind mime_kind(std::string_view media_type);
// Whether a resource of this type goes into the search index (pages and documents).
bool is_indexed_attachment(std::string_view media_type);

// A media type from the first bytes ("" when nothing is recognised).
std::string sniff_media_type(std::string_view head);
// A media type from a path's extension ("" when unknown). Case-insensitive.
std::string media_type_for_path(std::string_view path);
// The usual extension for a media type, with the dot (".pdf"), or "" when unknown.
std::string extension_for(std::string_view media_type);
// Whether `name` already ends with an extension a server would map to this media type.
bool has_extension_for(std::string_view name, std::string_view media_type);

// The effective type of a capture: the recorded type, corrected when it is missing or generic
// (application/octet-stream, text/plain on an HTML document) by sniffing, then the URL.
std::string effective_media_type(std::string_view recorded, std::string_view head,
                                 std::string_view url_path);

// The media type of a Content-Type value, lower case, without parameters ("text/html").
std::string media_type(std::string_view content_type);
// The charset parameter of a Content-Type value, lower case ("" when absent).
std::string charset_param(std::string_view content_type);

}  // namespace xasite::archive
