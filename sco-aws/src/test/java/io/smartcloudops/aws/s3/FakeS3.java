package io.smartcloudops.aws.s3;

import io.smartcloudops.aws.FakeAwsServer;
import io.smartcloudops.aws.FakeAwsServer.Reply;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * S3's REST/XML protocol with path-style addressing: PUT and GET of {@code /bucket/key},
 * PUT with {@code If-None-Match: *} (S3's conditional write: 412 when the key exists),
 * ListObjectsV2 ({@code GET /bucket?list-type=2}) with {@code max-keys} pages and continuation
 * tokens, and errors as {@code <Error><Code>}. A PUT whose {@code x-amz-checksum-sha256} does not
 * match its body is refused with BadDigest, as S3 does.
 */
final class FakeS3 implements FakeAwsServer.Responder {
    /** A stored object: its bytes and the headers it was put with. */
    record Stored(byte[] body, Map<String, String> headers) {}

    private final String bucket;
    private final Map<String, Stored> objects = new TreeMap<>();
    private int pageSize = 1000;

    FakeS3(String bucket) {
        this.bucket = bucket;
    }

    FakeS3 pageSize(int n) {
        pageSize = n;
        return this;
    }

    synchronized SortedMap<String, Stored> objects() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    /** Replaces an object's bytes behind the store's back, keeping its metadata. */
    synchronized void corrupt(String key, byte[] body) {
        Stored s = objects.get(key);
        Map<String, String> h = new LinkedHashMap<>(s.headers());
        h.remove("x-amz-checksum-sha256");
        objects.put(key, new Stored(body, h));
    }

    /** Deletes an object behind the store's back (a lost or removed segment). */
    synchronized void remove(String key) {
        objects.remove(key);
    }

    static Reply error(int status, String code, String message) {
        return Reply.xml(
                status,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                        + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>example-host-id</HostId></Error>");
    }

    @Override
    public synchronized Reply answer(FakeAwsServer.Request r) throws Exception {
        String path = r.path();
        String prefix = "/" + bucket;
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return error(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        String key = path.length() <= prefix.length() + 1
                ? ""
                : URLDecoder.decode(path.substring(prefix.length() + 1), StandardCharsets.UTF_8);
        if (r.method().equals("PUT") && !key.isEmpty()) {
            if ("*".equals(r.header("if-none-match")) && objects.containsKey(key)) {
                return error(
                        412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            }
            String sum = r.header("x-amz-checksum-sha256");
            byte[] body = "aws-chunked".equals(r.header("content-encoding")) ? unchunk(r.body()) : r.body();
            if (r.header("x-amz-decoded-content-length") != null
                    && Integer.parseInt(r.header("x-amz-decoded-content-length")) != body.length) {
                return error(
                        400,
                        "IncompleteBody",
                        "You did not provide the number of bytes specified by the Content-Length HTTP header.");
            }
            String actual = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
            if (sum != null && !sum.equals(actual)) {
                return error(400, "BadDigest", "The SHA256 you specified did not match the calculated checksum.");
            }
            Map<String, String> h = new LinkedHashMap<>();
            r.headers().forEach((k, v) -> {
                if (k.startsWith("x-amz-meta-")
                        || k.startsWith("x-amz-server-side-encryption")
                        || k.equals("content-type")
                        || k.equals("x-amz-checksum-sha256")) {
                    h.put(k, v.get(0));
                }
            });
            objects.put(key, new Stored(body, h));
            Reply ok = new Reply(200, Map.of("ETag", "\"" + actual.hashCode() + "\""), new byte[0], false);
            return sum == null ? ok : ok.withHeader("x-amz-checksum-sha256", sum);
        }
        if (r.method().equals("GET") && key.isEmpty() && "2".equals(r.query().get("list-type"))) {
            return list(r.query().getOrDefault("prefix", ""), r.query().get("continuation-token"));
        }
        if (r.method().equals("GET") || r.method().equals("HEAD")) {
            Stored s = objects.get(key);
            if (s == null) {
                return error(404, "NoSuchKey", "The specified key does not exist.");
            }
            byte[] body = r.method().equals("HEAD") ? new byte[0] : s.body();
            Reply ok =
                    new Reply(200, Map.of("ETag", "\"etag\"", "Content-Type", "application/octet-stream"), body, false);
            for (Map.Entry<String, String> h : s.headers().entrySet()) {
                boolean checksum = h.getKey().equals("x-amz-checksum-sha256");
                if (!checksum || "ENABLED".equals(r.header("x-amz-checksum-mode"))) {
                    ok = ok.withHeader(h.getKey(), h.getValue());
                }
            }
            return ok;
        }
        return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }

    /**
     * Decodes {@code aws-chunked} (SigV4 streaming): {@code <hex size>;chunk-signature=<sig>\r\n<data>\r\n}
     * repeated, ending with a zero-size chunk.
     */
    static byte[] unchunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int eol = indexOfCrlf(in, i);
            String header = new String(in, i, eol - i, StandardCharsets.US_ASCII);
            if (!header.matches("[0-9a-f]+;chunk-signature=[0-9a-f]{64}")) {
                throw new IllegalArgumentException("bad aws-chunked chunk header: " + header);
            }
            int size = Integer.parseInt(header.substring(0, header.indexOf(';')), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        throw new IllegalArgumentException("aws-chunked body without its final zero-size chunk");
    }

    private static int indexOfCrlf(byte[] in, int from) {
        for (int i = from; i + 1 < in.length; i++) {
            if (in[i] == '\r' && in[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("aws-chunked chunk header without CRLF");
    }

    private Reply list(String prefix, String token) {
        List<String> keys =
                objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        int from = token == null ? 0 : Integer.parseInt(token);
        int to = Math.min(keys.size(), from + pageSize);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket
                + "</Name><Prefix>"
                + prefix + "</Prefix><KeyCount>" + (to - from) + "</KeyCount><MaxKeys>" + pageSize + "</MaxKeys>"
                + "<IsTruncated>" + (to < keys.size()) + "</IsTruncated>");
        if (to < keys.size()) {
            sb.append("<NextContinuationToken>").append(to).append("</NextContinuationToken>");
        }
        for (String k : keys.subList(from, to)) {
            sb.append("<Contents><Key>")
                    .append(k)
                    .append("</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified>")
                    .append("<ETag>&quot;etag&quot;</ETag><Size>")
                    .append(objects.get(k).body().length)
                    .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        return Reply.xml(200, sb.append("</ListBucketResult>").toString());
    }
}
