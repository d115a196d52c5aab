package io.rivulet.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * {@code rivulet keys create|list|describe|rotate|disable|enable}: the keys of the local key store
 * (encryption at rest), through the KMS API as {@code aws kms} calls it, so it works against AWS
 * KMS too.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Manage the KMS keys that encrypt data at rest (the local key store).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class,
        KeysCommand.Describe.class, KeysCommand.Rotate.class, KeysCommand.Disable.class,
        KeysCommand.Enable.class})
final class KeysCommand {

  /** Prints keys with their state, versions and aliases. */
  static void print(KmsClient kms, List<String> keyIds, boolean json) {
    Map<String, List<String>> aliases = new LinkedHashMap<>();
    for (AliasListEntry a : kms.listAliasesPaginator(b -> { }).aliases()) {
      if (a.targetKeyId() != null) {
        aliases.computeIfAbsent(a.targetKeyId(), k -> new ArrayList<>()).add(a.aliasName());
      }
    }
    Output out = new Output("key_id", "arn", "state", "manager", "versions", "aliases", "description");
    for (String id : keyIds) {
      KeyMetadata m = kms.describeKey(b -> b.keyId(id)).keyMetadata();
      int versions = 1 + kms.listKeyRotationsPaginator(b -> b.keyId(m.keyId())).rotations()
          .stream().mapToInt(r -> 1).sum();
      out.row(m.keyId(), m.arn(), m.keyStateAsString(), m.keyManagerAsString(), versions,
          String.join(",", aliases.getOrDefault(m.keyId(), List.of())), m.description());
    }
    out.print(System.out, json);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a symmetric key (CreateKey), optionally with an alias (CreateAlias).")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--alias", description = "An alias for it, e.g. alias/orders.") String alias;
    @Option(names = "--description", description = "What the key is for.") String description;

    @Override
    public Integer call() {
      try (KmsClient kms = client.kms()) {
        KeyMetadata m = kms.createKey(b -> b.description(description)).keyMetadata();
        if (alias != null) {
          kms.createAlias(b -> b.aliasName(alias).targetKeyId(m.keyId()));
        }
        print(kms, List.of(m.keyId()), client.json());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the keys of the account and region.")
  static final class ListKeys implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (KmsClient kms = client.kms()) {
        print(kms, kms.listKeysPaginator(b -> { }).keys().stream().map(KeyListEntry::keyId)
            .toList(), client.json());
      }
      return 0;
    }
  }

  /** A verb on one key: does its call, then prints the key. */
  abstract static class OnKey implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(paramLabel = "KEY", description = "Key id, key ARN, alias or alias ARN.") String key;

    /** The call; returns the key (as any KMS name) to print. */
    abstract String act(KmsClient kms);

    @Override
    public Integer call() {
      try (KmsClient kms = client.kms()) {
        print(kms, List.of(act(kms)), client.json());
      }
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one key.")
  static final class Describe extends OnKey {
    @Override
    String act(KmsClient kms) {
      return key;
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Give a key a new"
      + " version of material for new data (RotateKeyOnDemand); old data stays readable.")
  static final class Rotate extends OnKey {
    @Override
    String act(KmsClient kms) {
      return kms.rotateKeyOnDemand(b -> b.keyId(key)).keyId();
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a key: data under it can be neither written nor read until enabled.")
  static final class Disable extends OnKey {
    @Override
    String act(KmsClient kms) {
      kms.disableKey(b -> b.keyId(key));
      return key;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a key again.")
  static final class Enable extends OnKey {
    @Override
    String act(KmsClient kms) {
      kms.enableKey(b -> b.keyId(key));
      return key;
    }
  }
}
