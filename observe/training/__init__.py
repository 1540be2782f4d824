"""Observer training and certification (DESIGN §11): gold-standard packs, the scoring of a
trainee's coding against the pack's master coding, and the certification record.

- :mod:`observe.training.criteria`: the pass criteria as data, and their text form;
- :mod:`observe.training.pack`: a pack file (``.obpack``): made, written, read and checked;
- :mod:`observe.training.scoring`: a trainee's coding compared with the master coding
  exactly as ``observe reliability`` compares two codings, the decision, and the
  disagreements listed;
- :mod:`observe.training.record`: the certification record's entries (attempts and drift
  checks) and what they add up to for an observer;
- :mod:`observe.training.record_file`: the record and the imported packs, kept in the
  archive;
- :mod:`observe.training.submit`: a trainee's coding submitted (scored, kept, logged), and
  double-coded visits logged as drift checks;
- :mod:`observe.training.caseload_checks`: the record as the caseload reads it (each
  visitor's checks and certification's last day);
- :mod:`observe.training.feedback`, :mod:`observe.training.feedback_pdf`: the feedback as
  text, and as the words of its PDF sheet (:mod:`observe.reports.training_feedback`).

Nothing here imports Textual; only ``feedback_pdf`` reaches the reports (and reportlab).
"""
