package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountSettingsTest {
  static final long DAY = AccountSettings.MINIMUM_COMMITMENT_MILLIS;

  @Test
  void aCommitmentLastsAtLeastADayAndCanBeResumedBeforeItEnds() {
    AccountSettings on = AccountSettings.DEFAULT.request("ENABLED", 1000);
    assertThat(on).isEqualTo(new AccountSettings("ENABLED", 1000L, null, 1000 + DAY));
    AccountSettings pending = on.request("DISABLED", 2000);
    assertThat(pending).isEqualTo(new AccountSettings("ENABLED_UNTIL_EARLIEST_ALLOWED_END", 1000L,
        1000 + DAY, 1000 + DAY));
    assertThat(pending.committed()).isTrue();
    assertThat(pending.request("ENABLED", 3000))
        .isEqualTo(new AccountSettings("ENABLED", 1000L, null, 1000 + DAY));
    AccountSettings ended = pending.at(1000 + DAY);
    assertThat(ended.commitmentStatus()).isEqualTo("DISABLED");
    assertThat(ended.committed()).isFalse();
    assertThat(on.request("DISABLED", 5000 + DAY))
        .isEqualTo(new AccountSettings("DISABLED", 1000L, 5000 + DAY, 1000 + DAY));
    assertThat(AccountSettings.DEFAULT.request("DISABLED", 1)).isEqualTo(AccountSettings.DEFAULT);
    assertThat(ended.request("ENABLED", 2 * DAY).startedMillis()).isEqualTo(2 * DAY);
  }
}
