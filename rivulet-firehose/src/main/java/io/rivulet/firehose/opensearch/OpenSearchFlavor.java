package io.rivulet.firehose.opensearch;

/**
 * Which of Firehose's three search destinations a configuration is: they share the writer and
 * differ in the configuration member that names the cluster, what they support, the error output
 * type ({@code !{firehose:error-output-type}}), the prefix of their error codes and the name in
 * metrics (DeliveryTo&lt;name&gt;.Success). Immutable.
 */
public enum OpenSearchFlavor {
  /** AmazonopensearchserviceDestinationConfiguration. */
  OPENSEARCH_SERVICE("AmazonOpenSearchService", "opensearch-failed", "OS", "ClusterEndpoint", true),
  /** ElasticsearchDestinationConfiguration (the older name of the same destination). */
  ELASTICSEARCH("Elasticsearch", "elasticsearch-failed", "ES", "ClusterEndpoint", true),
  /** AmazonOpenSearchServerlessDestinationConfiguration: a collection, no types, no rotation. */
  OPENSEARCH_SERVERLESS("AmazonOpenSearchServerless", "opensearch-failed", "AOSS",
      "CollectionEndpoint", false);

  private final String metricsName;
  private final String errorOutputType;
  private final String errorCodePrefix;
  private final String endpointMember;
  private final boolean domain;

  OpenSearchFlavor(String metricsName, String errorOutputType, String errorCodePrefix,
      String endpointMember, boolean domain) {
    this.metricsName = metricsName;
    this.errorOutputType = errorOutputType;
    this.errorCodePrefix = errorCodePrefix;
    this.endpointMember = endpointMember;
    this.domain = domain;
  }

  /** The destination's name in metrics: AmazonOpenSearchService, Elasticsearch, ... */
  public String metricsName() {
    return metricsName;
  }

  /** The error output type failed documents are written under. */
  public String errorOutputType() {
    return errorOutputType;
  }

  /** A Firehose error code of this destination, e.g. {@code OS.MalformedData}. */
  String errorCode(String name) {
    return errorCodePrefix + "." + name;
  }

  /** The member that holds the cluster's URL: ClusterEndpoint or CollectionEndpoint. */
  String endpointMember() {
    return endpointMember;
  }

  /**
   * A domain (OpenSearch Service, Elasticsearch): DomainARN or ClusterEndpoint, TypeName,
   * IndexRotationPeriod and DocumentIdOptions; a serverless collection has none of these.
   */
  boolean isDomain() {
    return domain;
  }
}
