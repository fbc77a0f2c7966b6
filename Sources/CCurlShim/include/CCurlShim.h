#ifndef CFACCESS_CURL_SHIM_H
#define CFACCESS_CURL_SHIM_H

#include <curl/curl.h>

/// Typed front doors for libcurl's variadic calls, which Swift cannot call directly.
/// Each one forwards to the variadic function with exactly one argument of a fixed type.

CURLcode cfaccess_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode cfaccess_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode cfaccess_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode cfaccess_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode cfaccess_curl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value);
/* An upload's body, read from the caller's callback (CURLOPT_READFUNCTION). */
CURLcode cfaccess_curl_easy_setopt_read_function(CURL *handle, curl_read_callback value);
/* Options that take a curl_off_t (CURLOPT_INFILESIZE_LARGE). */
CURLcode cfaccess_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// `CURLOPT_PREREQFUNCTION`: called once a connection is made or reused, before the request is sent.
typedef int (*cfaccess_prereq_callback)(void *clientp, char *primary_ip, char *local_ip, int primary_port, int local_port);
CURLcode cfaccess_curl_easy_setopt_prereq_function(CURL *handle, cfaccess_prereq_callback value);
CURLcode cfaccess_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode cfaccess_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);

/// `curl_global_init` with an allocator whose free and realloc wipe each block first, once per
/// process, whichever thread asks first.
CURLcode cfaccess_curl_global_init(void);

/// `curl_version_info(CURLVERSION_NOW)`: the macro does not reach Swift.
curl_version_info_data *cfaccess_curl_version_info(void);

#endif
