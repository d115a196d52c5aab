package io.rivulet.analytics;

import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Resources;
import io.rivulet.protocol.auth.AuthErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * The kinesisanalyticsv2 authorisation table (used with {@code --auth}): IAM actions
 * {@code kinesisanalytics:<Operation>} on the application {@code arn:aws:kinesisanalytics:<region>:
 * <account>:application/<ApplicationName>} (the tagging operations on their ResourceARN);
 * ListApplications and DiscoverInputSchema on {@code *}; CreateApplication with Tags needs
 * kinesisanalytics:TagResource too. Stateless.
 */
public final class AnalyticsAccess {
  static final String APPLICATION =
      "arn:aws:kinesisanalytics:{region}:{account}:application/{ApplicationName}";
  /** Every operation that names an application by ApplicationName. */
  static final List<String> ON_APPLICATION = List.of(
      "AddApplicationCloudWatchLoggingOption", "AddApplicationInput",
      "AddApplicationInputProcessingConfiguration", "AddApplicationOutput",
      "AddApplicationReferenceDataSource", "AddApplicationVpcConfiguration",
      "CreateApplicationPresignedUrl", "CreateApplicationSnapshot", "DeleteApplication",
      "DeleteApplicationCloudWatchLoggingOption", "DeleteApplicationInputProcessingConfiguration",
      "DeleteApplicationOutput", "DeleteApplicationReferenceDataSource", "DeleteApplicationSnapshot",
      "DeleteApplicationVpcConfiguration", "DescribeApplication", "DescribeApplicationOperation",
      "DescribeApplicationSnapshot", "DescribeApplicationVersion", "ListApplicationOperations",
      "ListApplicationSnapshots", "ListApplicationVersions", "RollbackApplication",
      "StartApplication", "StopApplication", "UpdateApplication",
      "UpdateApplicationMaintenanceConfiguration");

  private AnalyticsAccess() {}

  public static AccessRules rules() {
    Resources application = AccessRules.arn(APPLICATION, null);
    Resources byArn = AccessRules.arn(APPLICATION, "ResourceARN");
    AccessRules.Builder b = AccessRules.builder("kinesisanalytics", "kinesisanalytics",
        AuthErrors.Style.JSON);
    ON_APPLICATION.forEach(op -> b.on(op, application));
    return b.rule("CreateApplication", (input, scope) -> {
          List<Access> out = new ArrayList<>();
          for (String arn : application.arns(input, scope)) {
            out.add(new Access("kinesisanalytics:CreateApplication", arn));
            if (input.get("Tags") instanceof List<?> tags && !tags.isEmpty()) {
              out.add(new Access("kinesisanalytics:TagResource", arn));
            }
          }
          return out;
        })
        .on("ListApplications", AccessRules.none())
        .on("DiscoverInputSchema", AccessRules.none())
        .on("TagResource", byArn)
        .on("UntagResource", byArn)
        .on("ListTagsForResource", byArn)
        .build();
  }
}
