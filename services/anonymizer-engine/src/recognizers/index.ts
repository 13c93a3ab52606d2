import { RecognizerRegistry } from '../registry.js';
import { englishAddressRecognizer, foreignAddressRecognizer, frenchAddressRecognizer, otherAddressRecognizer, postcodeRecognizer, ukPostcodeRecognizer } from './address.recognizer.js';
import { creditCardRecognizer } from './credit-card.recognizer.js';
import { dateOfBirthRecognizer } from './date-of-birth.recognizer.js';
import { emailRecognizer } from './email.recognizer.js';
import { ibanRecognizer } from './iban.recognizer.js';
import { ipv4Recognizer, ipv6Recognizer } from './ip.recognizer.js';
import { locationRecognizer } from './location.recognizer.js';
import {
  beNrnRecognizer,
  esDniRecognizer,
  itFiscalCodeRecognizer,
  nirRecognizer,
  sirenRecognizer,
  siretRecognizer,
  ukNhsRecognizer,
  ukNinoRecognizer,
  usSsnRecognizer,
} from './national-id.recognizer.js';
import { orgRecognizer } from './org.recognizer.js';
import { personRecognizer } from './person.recognizer.js';
import { publicBodyRecognizer } from './public-body.recognizer.js';
import { phoneRecognizer } from './phone.recognizer.js';
import { statisticalRecognizer } from './statistical.recognizer.js';
import { domainRecognizer, urlRecognizer } from './url.recognizer.js';

/** A fresh registry holding every built-in recognizer (add or remove some on your own copy). */
export function createDefaultRegistry(): RecognizerRegistry {
  const registry = new RecognizerRegistry();
  for (const r of [
    emailRecognizer,
    phoneRecognizer,
    ibanRecognizer,
    creditCardRecognizer,
    nirRecognizer,
    siretRecognizer,
    sirenRecognizer,
    usSsnRecognizer,
    ukNinoRecognizer,
    ukNhsRecognizer,
    esDniRecognizer,
    itFiscalCodeRecognizer,
    beNrnRecognizer,
    ipv4Recognizer,
    ipv6Recognizer,
    urlRecognizer,
    domainRecognizer,
    dateOfBirthRecognizer,
    frenchAddressRecognizer,
    postcodeRecognizer,
    englishAddressRecognizer,
    ukPostcodeRecognizer,
    otherAddressRecognizer,
    foreignAddressRecognizer,
    personRecognizer,
    orgRecognizer,
    publicBodyRecognizer,
    locationRecognizer,
    statisticalRecognizer,
  ]) registry.add(r);
  return registry;
}

export const defaultRegistry = createDefaultRegistry();
