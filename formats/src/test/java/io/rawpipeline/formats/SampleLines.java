package io.rawpipeline.formats;

/** Lines of every format, from AWS's documentation where it has examples, shared by the parser tests. */
public final class SampleLines {

    private SampleLines() {
    }

    public static final String CLOUDFRONT_FIELDS_33 = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem "
            + "sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
            + "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "
            + "x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port "
            + "time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start "
            + "sc-range-end";

    public static final String CLOUDFRONT_FIELDS_26 = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem "
            + "sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
            + "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "
            + "x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields";

    public static final String CLOUDFRONT_FIELDS_24 = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem "
            + "sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
            + "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "
            + "x-edge-response-result-type cs-protocol-version";

    /** The example of AWS's "Standard logging" documentation (33 fields). */
    public static final String CLOUDFRONT_AWS_EXAMPLE = "2019-12-04\t21:02:31\tLAX1-C3\t392\t192.0.2.100\tGET\t"
            + "d111111abcdef8.cloudfront.net\t/index.html\t200\t-\t"
            + "Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)"
            + "%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tHit\t"
            + "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\td111111abcdef8.cloudfront.net\thttps\t23\t"
            + "0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t"
            + "78\t-\t-";

    /** The HTTPS example of AWS's "Access logs for your Application Load Balancer" documentation. */
    public static final String ALB_AWS_HTTPS = "https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 "
            + "192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "
            + "\"GET https://www.example.com:443/ HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
            + "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
            + "\"Root=1-58337281-1d84f3d73c47ec4e58577259\" \"www.example.com\" "
            + "\"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 1 "
            + "2018-07-02T22:22:48.364000Z \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" "
            + "TID_1234abcd5678ef90 \"-\" \"-\" \"-\"";

    /** A request the load balancer could not send to a target (AWS example, with -1 timings). */
    public static final String ALB_AWS_NOT_DISPATCHED = "http 2018-11-30T22:22:48.364000Z app/my-loadbalancer/50dc6c495c0c9188 "
            + "192.168.131.39:2817 - -1 -1 -1 460 - 34 0 \"GET http://www.example.com:80/ HTTP/1.1\" "
            + "\"curl/7.46.0\" - - - \"Root=1-58337364-23a8c76965a2ef7629b185e3\" \"-\" \"-\" 0 "
            + "2018-11-30T22:22:48.364000Z \"forward\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\"";

    public static final String LICENSE_HEADER = "licenseid,customerid,company,email,stripeid,issuedat,expiresat,number";

    public static final String PING_QUERY = "id=rgrtp3hqijbfbyhoejq6hk3y1e&b=9.11.1.12345&be=true&db=postgres&os=linux&uc=120"
            + "&tc=4&auc=87&ut=0";
}
