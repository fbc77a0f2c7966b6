#include "CCurlShim.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

CURLcode cfaccess_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cfaccess_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cfaccess_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cfaccess_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cfaccess_curl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cfaccess_curl_easy_setopt_read_function(CURL *handle, curl_read_callback value) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, value);
}

CURLcode cfaccess_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cfaccess_curl_easy_setopt_prereq_function(CURL *handle, cfaccess_prereq_callback value) {
    return curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, value);
}

CURLcode cfaccess_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode cfaccess_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

curl_version_info_data *cfaccess_curl_version_info(void) {
    return curl_version_info(CURLVERSION_NOW);
}

/* What libcurl frees was wiped first: its copies of KEY:SECRET (CURLOPT_USERPWD), of the
   Authorization header list and of every buffer that held them never linger in freed heap. */
static void cfaccess_wiping_free(void *block) {
    if (block == NULL) return;
    explicit_bzero(block, malloc_usable_size(block));
    free(block);
}

/* A grown or shrunk block is a new one: the old is wiped before it is given back. */
static void *cfaccess_wiping_realloc(void *block, size_t size) {
    if (block == NULL) return malloc(size);
    size_t old = malloc_usable_size(block);
    void *moved = malloc(size == 0 ? 1 : size);
    if (moved == NULL) return NULL;
    memcpy(moved, block, old < size ? old : size);
    cfaccess_wiping_free(block);
    return moved;
}

static char *cfaccess_wiping_strdup(const char *text) {
    size_t length = strlen(text) + 1;
    char *copy = malloc(length);
    if (copy != NULL) memcpy(copy, text, length);
    return copy;
}

static CURLcode cfaccess_global_result = CURLE_OK;

static void cfaccess_global_init_once(void) {
    cfaccess_global_result = curl_global_init_mem(CURL_GLOBAL_DEFAULT, malloc, cfaccess_wiping_free, cfaccess_wiping_realloc,
                                                  cfaccess_wiping_strdup, calloc);
}

CURLcode cfaccess_curl_global_init(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, cfaccess_global_init_once);
    return cfaccess_global_result;
}
