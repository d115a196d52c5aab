package io.rivulet.firehose.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HiveTypeTest {
  @Test
  void parsesEveryGlueTypeBackToItsCanonicalText() {
    String[] types = {"string", "int", "bigint", "smallint", "tinyint", "double", "float",
        "boolean", "date", "timestamp", "binary", "decimal(38,10)", "char(4)", "varchar(255)",
        "array<map<string,array<int>>>", "struct<a:int,b:struct<c:string>,d:array<double>>"};
    for (String t : types) {
      assertThat(HiveType.parse(t)).hasToString(t);
    }
  }

  @Test
  void acceptsTheSpellingsGlueAndHiveAllow() {
    assertThat(HiveType.parse("INT")).isEqualTo(new HiveType.Primitive(HiveType.Kind.INT));
    assertThat(HiveType.parse("integer")).isEqualTo(new HiveType.Primitive(HiveType.Kind.INT));
    assertThat(HiveType.parse("decimal")).isEqualTo(new HiveType.Decimal(10, 0));
    assertThat(HiveType.parse("decimal(5)")).isEqualTo(new HiveType.Decimal(5, 0));
    assertThat(HiveType.parse(" map < string , int > "))
        .hasToString("map<string,int>");
    assertThat(HiveType.parse("struct<CamelCase:int,`odd-name`:string>"))
        .hasToString("struct<camelcase:int,odd-name:string>");
  }

  @Test
  void refusesWhatFirehoseCannotConvert() {
    for (String bad : new String[] {"uniontype<int,string>", "interval", "array<int",
        "map<string>", "struct<>", "struct<a:int,a:string>", "decimal(39,2)", "decimal(5,6)",
        "varchar", "int>", ""}) {
      assertThatThrownBy(() -> HiveType.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Cannot parse type");
    }
  }
}
