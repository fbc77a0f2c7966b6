import CCurl
import CCurlShim
import Foundation
import Testing

/// The typed wrappers around libcurl's variadic calls work from Swift: options of each type are
/// accepted, the write callback receives the body, and info comes back typed.
@Suite struct CurlShimTests {
    final class Sink {
        var body = Data()
    }

    @Test func fetchesThroughTheShim() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cfaccess-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("page.json")
        let payload = Data(#"{"success":true,"result":[]}"#.utf8)
        try payload.write(to: file)

        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        let sink = Sink()
        #expect(cfaccess_curl_easy_setopt_string(handle, CURLOPT_URL, file.absoluteString) == CURLE_OK)
        #expect(cfaccess_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1) == CURLE_OK)
        let headers = curl_slist_append(nil, "Accept: application/json")
        defer { curl_slist_free_all(headers) }
        #expect(cfaccess_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers) == CURLE_OK)
        #expect(cfaccess_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque()) == CURLE_OK)
        let callback: curl_write_callback = { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            sink.body.append(UnsafeRawPointer(data!).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        }
        #expect(cfaccess_curl_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, callback) == CURLE_OK)
        #expect(curl_easy_perform(handle) == CURLE_OK)
        #expect(sink.body == payload)

        var downloaded: Double = 0
        #expect(cfaccess_curl_easy_getinfo_double(handle, CURLINFO_SIZE_DOWNLOAD, &downloaded) == CURLE_OK)
        #expect(Int(downloaded) == payload.count)
        var code: Int = -1
        #expect(cfaccess_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK)
        #expect(code == 0) // file:// has no response code
    }

    @Test func reportsTheLinkedVersion() {
        let info = cfaccess_curl_version_info().pointee
        #expect(String(cString: info.version).split(separator: ".").count == 3)
    }
}
