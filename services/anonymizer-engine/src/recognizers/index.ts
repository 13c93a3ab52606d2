import { RecognizerRegistry } from '../registry.js';
import { creditCardRecognizer } from './credit-card.recognizer.js';
import { emailRecognizer } from './email.recognizer.js';
import { ibanRecognizer } from './iban.recognizer.js';
import { phoneRecognizer } from './phone.recognizer.js';

/** A fresh registry holding every built-in recognizer (add or remove some on your own copy). */
export function createDefaultRegistry(): RecognizerRegistry {
  return new RecognizerRegistry()
    .add(emailRecognizer)
    .add(phoneRecognizer)
    .add(ibanRecognizer)
    .add(creditCardRecognizer);
}

export const defaultRegistry = createDefaultRegistry();
