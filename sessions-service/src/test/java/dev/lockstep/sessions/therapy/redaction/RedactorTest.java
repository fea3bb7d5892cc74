package dev.lockstep.sessions.therapy.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The redaction rules, case by case: what is masked, what stays, and that the result is deterministic. */
class RedactorTest {

  private final Redactor redactor = new Redactor(knownNames());

  private static Set<String> knownNames() {
    List<String> names = new ArrayList<>();
    KnownNames.addUsername(names, "dr_jane.smith");
    KnownNames.addUsername(names, "user_0042");
    KnownNames.addUsername(names, "admin");
    KnownNames.addConfigured(names, "Zelda Quartermain");
    return Set.copyOf(names);
  }

  @ParameterizedTest(name = "email: {0}")
  @CsvSource(delimiter = '|', value = {
      "Write to jane.doe@example.org today|Write to [EMAIL] today",
      "JOHN_SMITH+therapy@mail.co.uk.|[EMAIL].",
      "two: a@b.io, c.d@e-f.com|two: [EMAIL], [EMAIL]",
      "unicode: zoë@exämple.de|unicode: [EMAIL]",
  })
  void emails(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "phone: {0}")
  @CsvSource(delimiter = '|', value = {
      "Call 555-867-5309 now|Call [PHONE] now",
      "Call (555) 867-5309.|Call [PHONE].",
      "Call (555)867-5309|Call [PHONE]",
      "Call 555.867.5309|Call [PHONE]",
      "Call 555 867 5309|Call [PHONE]",
      "Call +1 555 867 5309|Call [PHONE]",
      "Call +1-555-867-5309|Call [PHONE]",
      "Call +44 20 7946 0958|Call [PHONE]",
      "Call +33 1 23 45 67 89|Call [PHONE]",
      "Call 020 7946 0958|Call [PHONE]",
      "Call 867-5309|Call [PHONE]",
      "Call 5558675309|Call [ID]",
  })
  void phoneNumbers(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "date: {0}")
  @CsvSource(delimiter = '|', value = {
      "Seen on 2024-03-15.|Seen on [DATE].",
      "Seen on 03/15/2024.|Seen on [DATE].",
      "Seen on 3/5/24|Seen on [DATE]",
      "Seen on 15.03.2024|Seen on [DATE]",
      "Seen on 15-03-2024|Seen on [DATE]",
      "Born March 15, 2024|Born [DATE]",
      "Born March 15 2024|Born [DATE]",
      "Born Mar. 3rd|Born [DATE]",
      "Born on the 15th of March|Born on the [DATE]",
      "Born 15 March 2024|Born [DATE]",
      "Since Sept 2023|Since [DATE]",
      "Since september, 2023|Since [DATE]",
      "Next appointment dec 1st|Next appointment [DATE]",
  })
  void dates(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "identifier: {0}")
  @CsvSource(delimiter = '|', value = {
      "SSN 123-45-6789|SSN [ID]",
      "her ssn: 123456789|her ssn: [ID]",
      "MRN: 88123456|MRN: [ID]",
      "MRN#A-99812|MRN#[ID]",
      "medical record number 4471-22|medical record number [ID]",
      "Patient ID: PT-20931|Patient ID: [ID]",
      "member id 77AB3321|member id [ID]",
      "policy no. X77-1234|policy no. [ID]",
      "account number 000123|account number [ID]",
      "my id is 4521|my id is [ID]",
      "zip code 94103|zip code [ID]",
      "passport K1234567|passport [ID]",
      "reference 4420193|reference [ID]",
      "badge A1234567|badge [ID]",
      "from 10.0.0.12 today|from [IP] today",
      "see https://clinic.example.org/p/77?x=1.|see [URL].",
      "see www.example.org/jane|see [URL]",
  })
  void identifiers(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "name: {0}")
  @CsvSource(delimiter = '|', value = {
      "Jane said hello|[NAME] said hello",
      "I told SMITH and jane|I told [NAME] and [NAME]",
      "Jane's sister|[NAME]'s sister",
      "Zelda Quartermain called|[NAME] [NAME] called",
      "user_0042 logged a note|[NAME] logged a note",
      "Dr. Houghton prescribed it|Dr. [NAME] prescribed it",
      "Mrs Pemberton came|Mrs [NAME] came",
      "ask the admin about it|ask the admin about it",
      "Janet and Smithers are not known|Janet and Smithers are not known",
  })
  void names(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "kept: {0}")
  @CsvSource(delimiter = '|', value = {
      "I slept 6 hours and walked 3 km|I slept 6 hours and walked 3 km",
      "We met in 2019 and again in 2021|We met in 2019 and again in 2021",
      "Rate it 7/10|Rate it 7/10",
      "It is 3:30 pm|It is 3:30 pm",
      "I may go in March|I may go in March",
      "Score 12.5 out of 20|Score 12.5 out of 20",
      "Take 2 pills, 3 times|Take 2 pills, 3 times",
      "Version 1.2.3 works|Version 1.2.3 works",
  })
  void ordinaryTextStays(String text, String expected) {
    assertThat(redactor.redact(text)).isEqualTo(expected);
  }

  @Test
  void redact_mixedMessage_masksEveryIdentifier() {
    String text = "Jane Smith (DOB 04/12/1980, MRN 55512345) can be reached at +1 (555) 010-2233 or "
        + "jane.smith@example.com; next visit Jan 5, 2026.";

    assertThat(redactor.redact(text)).isEqualTo("[NAME] [NAME] (DOB [DATE], MRN [ID]) can be reached at [PHONE] or "
        + "[EMAIL]; next visit [DATE].");
  }

  @Test
  void redact_sameInput_sameOutput_andNullOrEmptyStay() {
    String text = "Jane called 555-867-5309 on 2024-03-15 about MRN 123456.";

    assertThat(redactor.redact(text)).isEqualTo(redactor.redact(text))
        .isEqualTo(new Redactor(knownNames()).redact(text));
    assertThat(redactor.redact(null)).isNull();
    assertThat(redactor.redact("")).isEmpty();
  }

  @Test
  void redact_withoutKnownNames_stillMasksTitledNamesAndNumbers() {
    assertThat(new Redactor(Set.of()).redact("Dr. Jane Smith, 555-867-5309"))
        .isEqualTo("Dr. [NAME] Smith, [PHONE]");
  }

  @Test
  void knownNames_usernamePartsExceptGenericAndShort() {
    List<String> names = new ArrayList<>();
    KnownNames.addUsername(names, "Dr_Jo.Smith-Admin");
    KnownNames.addUsername(names, "user_0001");

    assertThat(names).containsExactlyInAnyOrder("dr_jo.smith-admin", "smith", "user_0001");
  }
}
