# The two commands of the README: `make run` and `make test`. The other targets are their steps.
.PHONY: run test setup train seed validate lookups clean

run:
	scripts/run.sh

test:
	scripts/test.sh

setup:
	scripts/setup.sh

train: setup
	scripts/train.sh

seed: setup
	scripts/seed_db.sh

validate: setup
	.venv-rasa/bin/rasa data validate

lookups:
	python3 bot/generate_lookups.py

clean:
	rm -rf models .rasa var tests/artifacts
