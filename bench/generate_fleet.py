#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate a deterministic fleet of git repositories with mixed Python layouts.

Usage: generate_fleet.py OUTPUT_DIR [--repos 1000] [--seed 1] [--jobs N] [--checkout]

Each repository is a real (non-bare) git repository written with `git fast-import`
(one pack per repository, like a fresh clone), holding one or two commits and 2-5
services in mixed layouts: pip-tools requirements with `-r` includes and `# via`
comments, Poetry (pyproject.toml + poetry.lock), PEP 621 + uv.lock, Pipfile +
Pipfile.lock, setup.cfg / setup.py, plus .python-version, runtime.txt,
.tool-versions and Dockerfiles.  Around them sit the files a real repository has:
application sources, tests, READMEs, CI config, and in some repositories a committed
node_modules/, .venv/ or vendor/ directory (with manifest-looking files inside) that a
scan must skip.

Only the python3 standard library and the `git` command are used.  The output is a
pure function of (--repos, --seed): same files, same commit ids.  By default nothing
is checked out (the scan reads the object database); --checkout also writes the work
trees.

The fleet is written to OUTPUT_DIR.partial and renamed to OUTPUT_DIR when complete;
OUTPUT_DIR/.fleet.json records the parameters and totals.  An existing OUTPUT_DIR is
left alone when its .fleet.json matches (same parameters, same generator source) and
regenerated when it does not; a directory without .fleet.json is refused unless --force.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor

# The cache key of a fleet: any edit to this file regenerates cached fleets.
with open(__file__, "rb") as _self:
    GENERATOR_SHA = hashlib.sha256(_self.read()).hexdigest()[:16]
EPOCH = 1700000000  # 2023-11-14T22:13:20Z; commit dates count up from here

# ---------------------------------------------------------------------------------------------
# Package universe: name | versions (first is the most likely) | dependencies | summary.
# Real PyPI names, plausible late-2023 versions, approximate dependency edges.
# ---------------------------------------------------------------------------------------------
_UNIVERSE = """
aiofiles|23.2.1||File support for asyncio.
aiohttp|3.9.1,3.8.6|aiosignal,attrs,frozenlist,multidict,yarl|Async http client/server framework (asyncio)
aiosignal|1.3.1|frozenlist|aiosignal: a list of registered asynchronous callbacks
alembic|1.13.0,1.12.1|mako,sqlalchemy,typing-extensions|A database migration tool for SQLAlchemy.
amqp|5.2.0|vine|Low-level AMQP client for Python (fork of amqplib).
annotated-types|0.6.0||Reusable constraint types to use with typing.Annotated
anyio|4.2.0,3.7.1|idna,sniffio|High level compatibility layer for multiple asynchronous event loop implementations
asgiref|3.7.2|typing-extensions|ASGI specs, helper code, and adapters
asyncpg|0.29.0||An asyncio PostgreSQL driver
attrs|23.1.0,23.2.0||Classes Without Boilerplate
babel|2.14.0||Internationalization utilities
bcrypt|4.1.2||Modern password hashing for your software and your servers
beautifulsoup4|4.12.2|soupsieve|Screen-scraping library
billiard|4.2.0||Python multiprocessing fork with improvements and bugfixes
black|23.12.1,23.11.0|click,mypy-extensions,packaging,pathspec,platformdirs|The uncompromising code formatter.
blinker|1.7.0||Fast, simple object-to-object and broadcast signaling
boto3|1.34.7,1.33.13|botocore,jmespath,s3transfer|The AWS SDK for Python
botocore|1.34.7,1.33.13|jmespath,python-dateutil,urllib3|Low-level, data-driven core of boto 3.
bytecode|0.15.1|typing-extensions|Python module to generate and modify bytecode
cachetools|5.3.2||Extensible memoizing collections and decorators
cattrs|23.2.3|attrs|Composable complex class support for attrs and dataclasses.
celery|5.3.6,5.3.4|billiard,click,click-didyoumean,click-plugins,click-repl,kombu,python-dateutil,tzdata,vine|Distributed Task Queue.
certifi|2023.11.17,2023.7.22||Python package for providing Mozilla's CA Bundle.
cffi|1.16.0|pycparser|Foreign Function Interface for Python calling C code.
cfgv|3.4.0||Validate configuration and produce human readable error messages.
charset-normalizer|3.3.2||The Real First Universal Charset Detector. Open, modern and actively maintained alternative to Chardet.
click|8.1.7||Composable command line interface toolkit
click-didyoumean|0.3.0|click|Enables git-like *did-you-mean* feature in click
click-plugins|1.1.1|click|An extension module for click to enable registering CLI commands via setuptools entry-points.
click-repl|0.3.0|click,prompt-toolkit|REPL plugin for Click
colorama|0.4.6||Cross-platform colored terminal text.
confluent-kafka|2.3.0||Confluent's Python client for Apache Kafka
coverage|7.3.4,7.3.2||Code coverage measurement for Python
cryptography|41.0.7,41.0.5|cffi|cryptography is a package which provides cryptographic recipes and primitives to Python developers.
datadog|0.47.0|requests|The Datadog Python library
ddsketch|2.0.4|protobuf,six|Distributed quantile sketches
ddtrace|2.1.2,2.3.0,2.4.1,1.20.14|attrs,bytecode,cattrs,ddsketch,envier,opentelemetry-api,protobuf,setuptools,six,typing-extensions,xmltodict|Datadog APM client library
deprecated|1.2.14|wrapt|Python @deprecated decorator to deprecate old python classes, functions or methods.
distlib|0.3.8||Distribution utilities
distro|1.9.0||Distro - an OS platform information API
dj-database-url|2.1.0|django,typing-extensions|Use Database URLs in your Django Application.
django|4.2.8,5.0,4.2.7|asgiref,sqlparse|A high-level Python web framework that encourages rapid development and clean, pragmatic design.
django-cors-headers|4.3.1|django|django-cors-headers is a Django application for handling the server headers required for Cross-Origin Resource Sharing (CORS).
django-environ|0.11.2||A package that allows you to utilize 12factor inspired environment variables to configure your Django application.
django-filter|23.5|django|Django-filter is a reusable Django application for allowing users to filter querysets dynamically.
django-redis|5.4.0|django,redis|Full featured redis cache backend for Django.
django-storages|1.14.2|django|Support for many storage backends in Django
djangorestframework|3.14.0|django,pytz|Web APIs for Django, made easy.
dnspython|2.4.2||DNS toolkit
drf-spectacular|0.27.0|django,djangorestframework,inflection,jsonschema,pyyaml,uritemplate|Sane and flexible OpenAPI 3 schema generation for Django REST framework
elastic-transport|8.11.0|certifi,urllib3|Transport classes and utilities shared among Python Elastic client libraries
elasticsearch|8.11.1|elastic-transport|Python client for Elasticsearch
email-validator|2.1.0|dnspython,idna|A robust email address syntax and deliverability validation library.
envier|0.5.0||Python application configuration via the environment
exceptiongroup|1.2.0||Backport of PEP 654 (exception groups)
factory-boy|3.3.0|faker|A versatile test fixtures replacement based on thoughtbot's factory_bot for Ruby.
faker|21.0.0|python-dateutil|Faker is a Python package that generates fake data for you.
fastapi|0.108.0,0.104.1|anyio,pydantic,starlette,typing-extensions|FastAPI framework, high performance, easy to learn, fast to code, ready for production
filelock|3.13.1||A platform independent file lock.
flake8|6.1.0|mccabe,pycodestyle,pyflakes|the modular source code checker: pep8 pyflakes and co
flask|3.0.0,2.3.3|blinker,click,itsdangerous,jinja2,werkzeug|A simple framework for building complex web applications.
flask-cors|4.0.0|flask|A Flask extension adding a decorator for CORS support
flask-sqlalchemy|3.1.1|flask,sqlalchemy|Add SQLAlchemy support to your Flask application.
frozenlist|1.4.1||A list-like structure which implements collections.abc.MutableSequence
google-api-core|2.15.0|google-auth,googleapis-common-protos,protobuf,requests|Google API client core library
google-auth|2.25.2|cachetools,pyasn1-modules,rsa|Google Authentication Library
google-cloud-core|2.4.1|google-api-core,google-auth|Google Cloud API client core library
google-cloud-storage|2.14.0|google-api-core,google-auth,google-cloud-core,google-crc32c,google-resumable-media,requests|Google Cloud Storage API client library
google-crc32c|1.5.0||A python wrapper of the C library 'Google CRC32C'
google-resumable-media|2.7.0|google-crc32c|Utilities for Google Media Downloads and Resumable Uploads
googleapis-common-protos|1.62.0|protobuf|Common protobufs used in Google APIs
greenlet|3.0.3||Lightweight in-process concurrent programming
grpcio|1.60.0||HTTP/2-based RPC framework
gunicorn|21.2.0|packaging|WSGI HTTP Server for UNIX
h11|0.14.0||A pure-Python, bring-your-own-I/O implementation of HTTP/1.1
httpcore|1.0.2|certifi,h11|A minimal low-level HTTP client.
httptools|0.6.1||A collection of framework independent HTTP protocol utils.
httpx|0.26.0,0.25.2|anyio,certifi,httpcore,idna,sniffio|The next generation HTTP client.
identify|2.5.33||File identification library for Python
idna|3.6,3.4||Internationalized Domain Names in Applications (IDNA)
importlib-metadata|6.11.0,7.0.1|zipp|Read metadata from Python packages
inflection|0.5.1||A port of Ruby on Rails inflector to Python
iniconfig|2.0.0||brain-dead simple config-ini parsing
isort|5.13.2||A Python utility / library to sort Python imports.
itsdangerous|2.1.2||Safely pass data to untrusted environments and back.
jinja2|3.1.2|markupsafe|A very fast and expressive template engine.
jmespath|1.0.1||JSON Matching Expressions
joblib|1.3.2||Lightweight pipelining with Python functions
jsonschema|4.20.0|attrs,jsonschema-specifications,referencing,rpds-py|An implementation of JSON Schema validation for Python
jsonschema-specifications|2023.12.1|referencing|The JSON Schema meta-schemas and vocabularies, exposed as a Registry
kafka-python|2.0.2||Pure Python client for Apache Kafka
kombu|5.3.4|amqp,vine|Messaging library for Python.
lxml|4.9.4,5.0.0||Powerful and Pythonic XML processing library combining libxml2/libxslt with the ElementTree API.
mako|1.3.0|markupsafe|A super-fast templating language that borrows the best ideas from the existing templating languages.
markdown-it-py|3.0.0|mdurl|Python port of markdown-it. Markdown parsing, done right!
markupsafe|2.1.3||Safely add untrusted strings to HTML/XML markup.
marshmallow|3.20.1|packaging|A lightweight library for converting complex datatypes to and from native Python datatypes.
mccabe|0.7.0||McCabe checker, plugin for flake8
mdurl|0.1.2||Markdown URL utilities
msgpack|1.0.7||MessagePack serializer
multidict|6.0.4||multidict implementation
mypy|1.8.0,1.7.1|mypy-extensions,typing-extensions|Optional static typing for Python
mypy-extensions|1.0.0||Type system extensions for programs checked with the mypy type checker.
nodeenv|1.8.0|setuptools|Node.js virtual environment builder
numpy|1.26.2,1.26.3||Fundamental package for array computing in Python
openai|1.6.1|anyio,distro,httpx,pydantic,sniffio,tqdm,typing-extensions|The official Python library for the openai API
opentelemetry-api|1.22.0|deprecated,importlib-metadata|OpenTelemetry Python API
orjson|3.9.10||Fast, correct Python JSON library supporting dataclasses, datetimes, and numpy
packaging|23.2||Core utilities for Python packages
pandas|2.1.4|numpy,python-dateutil,pytz,tzdata|Powerful data structures for data analysis, time series, and statistics
pathspec|0.12.1||Utility library for gitignore style pattern matching of file paths.
pillow|10.1.0,10.2.0||Python Imaging Library (Fork)
platformdirs|4.1.0||A small Python package for determining appropriate platform-specific dirs, e.g. a "user data dir".
pluggy|1.3.0||plugin and hook calling mechanisms for python
pre-commit|3.6.0|cfgv,identify,nodeenv,pyyaml,virtualenv|A framework for managing and maintaining multi-language pre-commit hooks.
prometheus-client|0.19.0||Python client for the Prometheus monitoring system.
prompt-toolkit|3.0.43|wcwidth|Library for building powerful interactive command lines in Python
protobuf|4.25.1||
psycopg2-binary|2.9.9||psycopg2 - Python-PostgreSQL Database Adapter
pyasn1|0.5.1||Pure-Python implementation of ASN.1 types and DER/BER/CER codecs (X.208)
pyasn1-modules|0.3.0|pyasn1|A collection of ASN.1-based protocols modules
pycodestyle|2.11.1||Python style guide checker
pycparser|2.21||C parser in Python
pydantic|2.5.3,1.10.13|annotated-types,pydantic-core,typing-extensions|Data validation using Python type hints
pydantic-core|2.14.6|typing-extensions|
pydantic-settings|2.1.0|pydantic,python-dotenv|Settings management using Pydantic
pyflakes|3.1.0||passive checker of Python programs
pygments|2.17.2||Pygments is a syntax highlighting package written in Python.
pyjwt|2.8.0||JSON Web Token implementation in Python
pymongo|4.6.1|dnspython|Python driver for MongoDB <http://www.mongodb.org>
pyopenssl|23.3.0|cryptography|Python wrapper module around the OpenSSL library
pytest|7.4.3,7.4.4|iniconfig,packaging,pluggy|pytest: simple powerful testing with Python
pytest-asyncio|0.23.2|pytest|Pytest support for asyncio
pytest-cov|4.1.0|coverage,pytest|Pytest plugin for measuring coverage.
pytest-django|4.7.0|pytest|A Django plugin for pytest.
pytest-mock|3.12.0|pytest|Thin-wrapper around the mock package for easier use with pytest
python-dateutil|2.8.2|six|Extensions to the standard Python datetime module
python-dotenv|1.0.0||Read key-value pairs from a .env file and set them as environment variables
python-json-logger|2.0.7||A python library adding a json log formatter
python-multipart|0.0.6||A streaming multipart parser for Python
pytz|2023.3.post1||World timezone definitions, modern and historical
pyyaml|6.0.1||YAML parser and emitter for Python
redis|5.0.1,4.6.0||Python client for Redis database and key-value store
referencing|0.32.0|attrs,rpds-py|JSON Referencing + Python
requests|2.31.0|certifi,charset-normalizer,idna,urllib3|Python HTTP for Humans.
rich|13.7.0|markdown-it-py,pygments|Render rich text, tables, progress bars, syntax highlighting, markdown and more to the terminal
rpds-py|0.15.2||Python bindings to Rust's persistent data structures (rpds)
rsa|4.9|pyasn1|Pure-Python RSA implementation
ruff|0.1.9,0.1.8||An extremely fast Python linter and code formatter, written in Rust.
s3transfer|0.9.0,0.8.2|botocore|An Amazon S3 Transfer Manager
scikit-learn|1.3.2|joblib,numpy,scipy,threadpoolctl|A set of python modules for machine learning and data mining
scipy|1.11.4|numpy|Fundamental algorithms for scientific computing in Python
sentry-sdk|1.39.1|certifi,urllib3|Python client for Sentry (https://sentry.io)
setuptools|69.0.3,68.2.2||Easily download, build, install, upgrade, and uninstall Python packages
six|1.16.0||Python 2 and 3 compatibility utilities
sniffio|1.3.0||Sniff out which async library your code is running under
soupsieve|2.5||A modern CSS selector implementation for Beautiful Soup.
sqlalchemy|2.0.23,1.4.50|greenlet,typing-extensions|Database Abstraction Library
sqlparse|0.4.4||A non-validating SQL parser.
starlette|0.32.0.post1,0.27.0|anyio|The little ASGI library that shines.
stripe|7.9.0|requests,typing-extensions|Python bindings for the Stripe API
structlog|23.2.0||Structured Logging for Python
tenacity|8.2.3||Retry code until it succeeds
threadpoolctl|3.2.0||threadpoolctl
tomli|2.0.1||A lil' TOML parser
tqdm|4.66.1|colorama|Fast, Extensible Progress Meter
typer|0.9.0|click,typing-extensions|Typer, build great CLIs. Easy to code. Based on Python type hints.
types-requests|2.31.0.10|urllib3|Typing stubs for requests
typing-extensions|4.9.0||Backported and Experimental Type Hints for Python 3.8+
tzdata|2023.3||Provider of IANA time zone data
ujson|5.9.0||Ultra fast JSON encoder and decoder for Python
uritemplate|4.1.1||Implementation of RFC 6570 URI Templates
urllib3|2.1.0,1.26.18||HTTP library with thread-safe connection pooling, file post, and more.
uvicorn|0.25.0,0.24.0.post1|click,h11|The lightning-fast ASGI server.
uvloop|0.19.0||Fast implementation of asyncio event loop on top of libuv
vine|5.1.0||Python promises.
virtualenv|20.25.0|distlib,filelock,platformdirs|Virtual Python Environment builder
watchfiles|0.21.0|anyio|Simple, modern and high performance file watching and code reload in python.
wcwidth|0.2.12||Measures the displayed width of unicode strings in a terminal
websockets|12.0||An implementation of the WebSocket Protocol (RFC 6455 & 7692)
werkzeug|3.0.1|markupsafe|The comprehensive WSGI web application library.
whitenoise|6.6.0||Radically simplified static file serving for WSGI applications
wrapt|1.16.0||Module for decorators, wrappers and monkey patching.
xmltodict|0.13.0||Makes working with XML feel like you are working with JSON
yarl|1.9.4|idna,multidict|Yet another URL library
zipp|3.17.0||Backport of pathlib-compatible object wrapper for zip files
"""


class Pkg:
    __slots__ = ("name", "versions", "deps", "summary", "binary")

    def __init__(self, name, versions, deps, summary, binary):
        self.name, self.versions, self.deps, self.summary, self.binary = name, versions, deps, summary, binary


# Packages that ship platform wheels (many files per release in a lock file).
_BINARY = set(
    "aiohttp asyncpg bcrypt cffi charset-normalizer confluent-kafka coverage cryptography ddtrace "
    "frozenlist google-crc32c greenlet grpcio httptools lxml msgpack multidict mypy numpy orjson pandas "
    "pillow protobuf psycopg2-binary pydantic-core pyyaml rpds-py ruff scikit-learn scipy sqlalchemy "
    "ujson uvloop watchfiles websockets wrapt yarl markupsafe".split()
)


def _parse_universe():
    pkgs = {}
    for line in _UNIVERSE.strip().splitlines():
        name, versions, deps, summary = line.split("|", 3)
        pkgs[name] = Pkg(name, versions.split(","), [d for d in deps.split(",") if d], summary, name in _BINARY)
    for p in pkgs.values():
        for d in p.deps:
            assert d in pkgs, (p.name, d)
    return pkgs


PKGS = _parse_universe()
NAMES = sorted(PKGS)

DDTRACE_VERSIONS = ["2.1.2", "2.1.2", "2.3.0", "2.4.1", "2.5.2", "2.6.5", "1.20.14", "1.9.4"]
PYTHON_PATCH = {"3.8": "3.8.18", "3.9": "3.9.18", "3.10": "3.10.13", "3.11": "3.11.7", "3.12": "3.12.1"}
PYTHONS = ["3.11", "3.11", "3.11", "3.12", "3.10", "3.10", "3.9", "3.8"]

# Service flavours: core dependencies and a pool of optional ones.
FLAVOURS = {
    "django": (["django", "djangorestframework", "psycopg2-binary", "gunicorn"],
               ["django-cors-headers", "django-environ", "django-filter", "django-redis", "django-storages",
                "drf-spectacular", "dj-database-url", "whitenoise", "celery", "redis", "sentry-sdk", "boto3",
                "requests", "structlog", "python-json-logger", "pyjwt", "stripe", "pillow", "datadog"]),
    "flask": (["flask", "gunicorn"],
              ["flask-cors", "flask-sqlalchemy", "sqlalchemy", "alembic", "psycopg2-binary", "marshmallow",
               "requests", "redis", "sentry-sdk", "pyjwt", "python-dotenv", "boto3", "structlog", "tenacity",
               "prometheus-client", "datadog"]),
    "fastapi": (["fastapi", "uvicorn", "pydantic"],
                ["pydantic-settings", "httpx", "sqlalchemy", "asyncpg", "alembic", "redis", "orjson",
                 "python-multipart", "email-validator", "uvloop", "httptools", "websockets", "watchfiles",
                 "sentry-sdk", "structlog", "tenacity", "prometheus-client", "openai", "boto3"]),
    "worker": (["celery", "redis"],
               ["kombu", "requests", "sqlalchemy", "psycopg2-binary", "boto3", "sentry-sdk", "pydantic",
                "tenacity", "structlog", "kafka-python", "confluent-kafka", "pymongo", "elasticsearch",
                "google-cloud-storage", "msgpack", "ujson"]),
    "data": (["pandas", "numpy"],
             ["scipy", "scikit-learn", "sqlalchemy", "psycopg2-binary", "boto3", "google-cloud-storage",
              "pyyaml", "click", "tqdm", "requests", "lxml", "beautifulsoup4", "jsonschema", "rich", "joblib"]),
    "cli": (["click", "requests"],
            ["typer", "rich", "pyyaml", "httpx", "jinja2", "tomli", "pydantic", "structlog", "cryptography",
             "pyopenssl", "tenacity", "jsonschema", "boto3"]),
}
DEV_POOL = ["pytest", "pytest-cov", "pytest-mock", "black", "ruff", "mypy", "isort", "flake8", "pre-commit",
            "factory-boy", "faker", "coverage", "types-requests", "pytest-asyncio"]

SERVICE_WORDS = ["billing", "checkout", "inventory", "auth", "notifications", "search", "payments", "gateway",
                 "worker", "scheduler", "ingest", "reports", "users", "catalog", "shipping", "pricing",
                 "analytics", "recommendations", "media", "webhooks", "ledger", "fraud", "orders", "accounts",
                 "emails", "exports", "imports", "etl", "metrics", "alerts", "identity", "profile", "cart",
                 "reviews", "tax", "refunds", "sync", "crawler", "indexer", "feeds"]
ORGS = ["payments", "platform", "data", "growth", "core", "infra", "mobile-backend", "ml", "security", "ops"]
PROJECT_WORDS = ["api", "service", "backend", "platform", "pipeline", "tools", "monorepo", "apps", "stack", "hub"]

LAYOUTS = ["requirements", "requirements", "poetry", "poetry", "uv", "pipenv", "setuptools"]


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def sha(*parts):
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def underscore(name):
    return name.replace("-", "_")


@functools.lru_cache(maxsize=None)
def dist_files(name, version):
    """The distribution files of one release: [(filename, sha256, size)], wheels first."""
    pkg = PKGS[name]
    stem = f"{underscore(name)}-{version}"
    files = []
    if pkg.binary:
        plats = ["manylinux_2_17_x86_64.manylinux2014_x86_64", "manylinux_2_17_aarch64.manylinux2014_aarch64",
                 "musllinux_1_1_x86_64", "macosx_10_9_x86_64", "macosx_11_0_arm64", "win_amd64", "win32"]
        n_plats = 3 + int(sha("plats", name), 16) % 5
        for py in ("cp38", "cp39", "cp310", "cp311", "cp312"):
            for plat in plats[:n_plats]:
                files.append(f"{stem}-{py}-{py}-{plat}.whl")
    else:
        files.append(f"{stem}-py3-none-any.whl")
    files.append(f"{stem}.tar.gz")
    out = []
    for f in files:
        h = sha("file", f)
        out.append((f, h, 10_000 + int(h[:8], 16) % 4_000_000))
    return tuple(out)


def constraint(rng, version, style):
    parts = version.split(".")
    mm = ".".join(parts[:2])
    if style == "poetry":
        return rng.choice([f"^{mm}", f"^{version}", f"~{mm}", f">={mm}", version, "*" if rng.random() < 0.1 else f"^{mm}"])
    if style == "pep440":
        return rng.choice([f">={version}", f">={mm}", f"=={version}", f"~={mm}", f">={mm},<{int(parts[0]) + 1}", ""])
    if style == "pipfile":
        return rng.choice([f"=={version}", "*", f">={mm}", f"~={mm}"])
    raise ValueError(style)


def closure(names):
    seen = set()
    stack = list(names)
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        stack.extend(PKGS[n].deps)
    return seen


class Service:
    """The dependency picture of one service, shared by whichever layout writes it down."""

    def __init__(self, rng, name, directory, layout, ddtrace):
        self.name = name
        self.dir = directory  # "" for the repository root
        self.layout = layout
        self.flavour = rng.choice(list(FLAVOURS))
        core, pool = FLAVOURS[self.flavour]
        self.python = rng.choice(PYTHONS)
        self.top = list(core) + rng.sample(pool, rng.randint(2, min(9, len(pool))))
        self.dev = rng.sample(DEV_POOL, rng.randint(2, 7))
        self.ddtrace = ddtrace
        if ddtrace:
            self.top.append("ddtrace")
        # pinned versions of everything this service could lock
        self.version = {n: (PKGS[n].versions[0] if rng.random() < 0.7 else rng.choice(PKGS[n].versions))
                        for n in NAMES}
        if ddtrace:
            self.version["ddtrace"] = rng.choice(DDTRACE_VERSIONS)
        # lock set: closure of the declared dependencies, padded to a realistic size
        target = rng.randint(30, 120)
        lock = closure(self.top + self.dev)
        extra = [n for n in NAMES if n not in lock and n != "ddtrace"]  # a tracer is never incidental
        rng.shuffle(extra)
        while len(lock) < target and extra:
            lock |= closure([extra.pop()])
        self.lock = sorted(lock)
        self.main_closure = closure(self.top)

    @property
    def pkg_name(self):
        return f"{self.name}-service" if not self.name.endswith("service") else self.name

    def path(self, rel):
        return f"{self.dir}/{rel}" if self.dir else rel


# ---------------------------------------------------------------------------------------------
# Manifest writers
# ---------------------------------------------------------------------------------------------

def write_poetry(rng, svc, files):
    lines = ["[tool.poetry]", f'name = "{svc.pkg_name}"', 'version = "0.1.0"',
             f'description = "The {svc.name} service"', 'authors = ["Platform Team <platform@example.com>"]',
             'readme = "README.md"', f'packages = [{{ include = "{underscore(svc.name)}" }}]', "",
             "[tool.poetry.dependencies]", f'python = "^{svc.python}"']
    for n in svc.top:
        c = constraint(rng, svc.version[n], "poetry")
        if n == "celery" and rng.random() < 0.5:
            lines.append(f'{n} = {{ version = "{c}", extras = ["redis"] }}')
        elif n == "ddtrace" and rng.random() < 0.3:
            lines.append(f'{n} = "=={svc.version[n]}"')
        else:
            lines.append(f'{n} = "{c}"')
    lines += ["", "[tool.poetry.group.dev.dependencies]"]
    lines += [f'{n} = "{constraint(rng, svc.version[n], "poetry")}"' for n in svc.dev]
    lines += ["", "[tool.poetry.scripts]", f'{svc.name} = "{underscore(svc.name)}.main:run"', "",
              "[build-system]", 'requires = ["poetry-core>=1.0.0"]', 'build-backend = "poetry.core.masonry.api"', ""]
    lines += tool_sections(rng, svc)
    files[svc.path("pyproject.toml")] = "\n".join(lines)

    out = ["# This file is automatically @generated by Poetry 1.7.1 and should not be changed by hand.", ""]
    for n in svc.lock:
        p, v = PKGS[n], svc.version[n]
        out += ["[[package]]", f'name = "{n}"', f'version = "{v}"', f"description = {json.dumps(p.summary)}",
                "optional = false", f'python-versions = ">=3.8"', "files = ["]
        out += [f'    {{file = "{f}", hash = "sha256:{h}"}},' for f, h, _ in dist_files(n, v)]
        out.append("]")
        if p.deps:
            out += ["", "[package.dependencies]"]
            for d in p.deps:
                dv = svc.version[d].split(".")
                out.append(f'{d} = ">={dv[0]}.{dv[1] if len(dv) > 1 else 0}"')
        if n == "celery":
            out += ["", "[package.extras]", 'redis = ["redis (>=4.5.2,!=4.5.5,<6.0.0)"]',
                    'sqs = ["boto3 (>=1.26.143)", "kombu[sqs] (>=5.3.0)"]']
        out.append("")
    out += ["[metadata]", 'lock-version = "2.0"', f'python-versions = "^{svc.python}"',
            f'content-hash = "{sha("poetry", svc.name, *svc.lock)}"', ""]
    files[svc.path("poetry.lock")] = "\n".join(out)


def write_uv(rng, svc, files):
    deps = []
    for n in svc.top:
        c = constraint(rng, svc.version[n], "pep440")
        deps.append(f'    "{n}{c}",')
    lines = ["[project]", f'name = "{svc.pkg_name}"', 'version = "0.1.0"', f'description = "The {svc.name} service"',
             'readme = "README.md"', f'requires-python = ">={svc.python}"', "dependencies = ["] + deps + ["]", "",
             "[project.optional-dependencies]", "dev = ["]
    lines += [f'    "{n}{constraint(rng, svc.version[n], "pep440")}",' for n in svc.dev]
    lines += ["]", "", "[project.scripts]", f'{svc.name} = "{underscore(svc.name)}.main:run"', "",
              "[build-system]", 'requires = ["hatchling"]', 'build-backend = "hatchling.build"', "",
              "[tool.uv]", "dev-dependencies = [", f'    "pytest>={svc.version["pytest"]}",', "]", ""]
    lines += tool_sections(rng, svc)
    files[svc.path("pyproject.toml")] = "\n".join(lines)

    out = ["version = 1", f'requires-python = ">={svc.python}"', ""]
    entries = [(n, False) for n in svc.lock] + [(svc.pkg_name, True)]
    entries.sort()
    for n, is_self in entries:
        out.append("[[package]]")
        out.append(f'name = "{n}"')
        if is_self:
            out += ['version = "0.1.0"', 'source = { editable = "." }', "dependencies = ["]
            out += [f'    {{ name = "{d}" }},' for d in sorted(svc.top)]
            out += ["]", "", "[package.optional-dependencies]", "dev = ["]
            out += [f'    {{ name = "{d}" }},' for d in sorted(svc.dev)]
            out += ["]", "", "[package.metadata]", "requires-dist = ["]
            out += [f'    {{ name = "{d}", specifier = ">={svc.version[d]}" }},' for d in sorted(svc.top)]
            out += [f'    {{ name = "{d}", marker = "extra == \'dev\'", specifier = ">={svc.version[d]}" }},'
                    for d in sorted(svc.dev)]
            out += ["]", ""]
            continue
        v = svc.version[n]
        out += [f'version = "{v}"', 'source = { registry = "https://pypi.org/simple" }']
        if PKGS[n].deps:
            out.append("dependencies = [")
            out += [f'    {{ name = "{d}" }},' for d in PKGS[n].deps]
            out.append("]")
        df = dist_files(n, v)
        f, h, size = df[-1]
        out.append(f'sdist = {{ url = "https://files.pythonhosted.org/packages/{h[:2]}/{h[2:4]}/{h[4:]}/{f}", '
                   f'hash = "sha256:{h}", size = {size} }}')
        out.append("wheels = [")
        for f, h, size in df[:-1]:
            out.append(f'    {{ url = "https://files.pythonhosted.org/packages/{h[:2]}/{h[2:4]}/{h[4:]}/{f}", '
                       f'hash = "sha256:{h}", size = {size} }},')
        out += ["]", ""]
    files[svc.path("uv.lock")] = "\n".join(out)


def write_pipenv(rng, svc, files):
    lines = ["[[source]]", 'url = "https://pypi.org/simple"', "verify_ssl = true", 'name = "pypi"', "",
             "[packages]"]
    for n in svc.top:
        c = constraint(rng, svc.version[n], "pipfile")
        if n == "celery" and rng.random() < 0.4:
            lines.append(f'{n} = {{version = "{c}", extras = ["redis"]}}')
        else:
            lines.append(f'{n} = "{c}"')
    lines += ["", "[dev-packages]"]
    lines += [f'{n} = "{constraint(rng, svc.version[n], "pipfile")}"' for n in svc.dev]
    lines += ["", "[requires]", f'python_version = "{svc.python}"', ""]
    files[svc.path("Pipfile")] = "\n".join(lines)

    def section(names):
        out = {}
        for n in sorted(names):
            v = svc.version[n]
            out[n] = {"hashes": sorted(f"sha256:{h}" for _, h, _ in dist_files(n, v)),
                      "index": "pypi", "markers": "python_version >= '3.8'", "version": f"=={v}"}
        return out

    main = svc.main_closure
    lock = {
        "_meta": {"hash": {"sha256": sha("pipfile", svc.name, *svc.top)}, "pipfile-spec": 6,
                  "requires": {"python_version": svc.python},
                  "sources": [{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": True}]},
        "default": section(main),
        "develop": section(closure(svc.dev) - main),
    }
    files[svc.path("Pipfile.lock")] = json.dumps(lock, indent=4, sort_keys=True) + "\n"


def pip_compile(svc, top, src, hashes, header_cmd):
    """A pip-compile output for `top` (declared in `src`), with `# via` comments."""
    pkgs = sorted(closure(top))
    via = {n: [] for n in pkgs}
    for n in pkgs:
        for d in PKGS[n].deps:
            via[d].append(n)
    lines = ["#", f"# This file is autogenerated by pip-compile with Python {svc.python}",
             "# by the following command:", "#", f"#    {header_cmd}", "#"]
    for n in pkgs:
        if n == "setuptools":
            continue  # pip-compile leaves it out unless --allow-unsafe
        v = svc.version[n]
        if hashes:
            lines.append(f"{n}=={v} \\")
            hs = sorted(h for _, h, _ in dist_files(n, v))
            for i, h in enumerate(hs):
                lines.append(f"    --hash=sha256:{h}" + (" \\" if i + 1 < len(hs) else ""))
        else:
            lines.append(f"{n}=={v}")
        reasons = ([f"-r {src}"] if n in top else []) + sorted(via[n])
        if len(reasons) == 1:
            lines.append(f"    # via {reasons[0]}")
        else:
            lines.append("    # via")
            lines += [f"    #   {r}" for r in reasons]
    if "setuptools" in pkgs:
        lines += ["", "# The following packages are considered to be unsafe in a requirements file:",
                  "# setuptools"]
    return "\n".join(lines) + "\n"


def write_requirements(rng, svc, files, constraints_rel):
    """pip-tools layouts; `constraints_rel` is the repository constraints file relative to the service."""
    hashes = rng.random() < 0.25
    variant = rng.choice(["split", "split", "flat", "flat_dev"])
    hash_flag = "--generate-hashes " if hashes else ""
    if variant == "split":
        base_in = "\n".join(["# Runtime dependencies; compile with `make requirements`"] +
                            [f"{n}{constraint(rng, svc.version[n], 'pep440')}" for n in svc.top]) + "\n"
        if constraints_rel:
            base_in = f"-c ../{constraints_rel}\n" + base_in  # relative to requirements/
        files[svc.path("requirements/base.in")] = base_in
        files[svc.path("requirements/base.txt")] = pip_compile(
            svc, svc.top, "requirements/base.in", hashes,
            f"pip-compile {hash_flag}--output-file=requirements/base.txt requirements/base.in")
        files[svc.path("requirements/dev.in")] = "-c base.txt\n" + "\n".join(svc.dev) + "\n"
        files[svc.path("requirements/dev.txt")] = pip_compile(
            svc, svc.dev, "requirements/dev.in", hashes,
            f"pip-compile {hash_flag}--output-file=requirements/dev.txt requirements/dev.in")
        files[svc.path("requirements.txt")] = "# Installed by the Dockerfile\n-r requirements/base.txt\n"
        if rng.random() < 0.5:
            files[svc.path("requirements-dev.txt")] = "-r requirements/base.txt\n-r requirements/dev.txt\n"
    else:
        src = "requirements.in"
        files[svc.path(src)] = "\n".join(
            ([f"-c {constraints_rel}"] if constraints_rel else []) +
            [f"{n}{constraint(rng, svc.version[n], 'pep440')}" for n in svc.top]) + "\n"
        files[svc.path("requirements.txt")] = pip_compile(
            svc, svc.top, src, hashes,
            f"pip-compile {hash_flag}--output-file=requirements.txt requirements.in")
        if variant == "flat_dev":
            files[svc.path("requirements-dev.txt")] = (
                "-r requirements.txt\n" + "".join(f"{n}=={svc.version[n]}\n" for n in svc.dev))


def write_setuptools(rng, svc, files):
    reqs = [f"{n}{constraint(rng, svc.version[n], 'pep440')}" for n in svc.top]
    kind = rng.choice(["cfg", "py", "both"])
    if kind in ("cfg", "both"):
        lines = ["[metadata]", f"name = {svc.pkg_name}", "version = attr: " + underscore(svc.name) + ".__version__",
                 f"description = The {svc.name} service", "long_description = file: README.md",
                 "classifiers =", "    Programming Language :: Python :: 3", "",
                 "[options]", "packages = find:", f"python_requires = >={svc.python}", "install_requires ="]
        lines += [f"    {r}" for r in reqs]
        lines += ["", "[options.extras_require]", "dev ="] + [f"    {n}" for n in svc.dev]
        lines += ["", "[options.entry_points]", "console_scripts =",
                  f"    {svc.name} = {underscore(svc.name)}.main:run", "",
                  "[flake8]", "max-line-length = 120", "exclude = .git,__pycache__,build,dist", ""]
        files[svc.path("setup.cfg")] = "\n".join(lines)
    if kind in ("py", "both"):
        if kind == "both":
            body = ["from setuptools import setup", "", "setup()", ""]
        else:
            body = ["#!/usr/bin/env python", "import os", "", "from setuptools import find_packages, setup", "",
                    "HERE = os.path.abspath(os.path.dirname(__file__))", "",
                    "with open(os.path.join(HERE, \"README.md\")) as f:", "    long_description = f.read()", "",
                    "setup(", f'    name="{svc.pkg_name}",', '    version="0.1.0",',
                    "    long_description=long_description,", '    packages=find_packages(exclude=["tests"]),',
                    f'    python_requires=">={svc.python}",', "    install_requires=["]
            body += [f'        "{r}",' for r in reqs]
            body += ["    ],", "    extras_require={", '        "dev": ['] + [f'            "{n}",' for n in svc.dev]
            body += ["        ],", "    },", ")", ""]
        files[svc.path("setup.py")] = "\n".join(body)


def tool_sections(rng, svc):
    out = ["[tool.ruff]", "line-length = 120", f'target-version = "py{svc.python.replace(".", "")}"', "",
           "[tool.ruff.lint]", 'select = ["E", "F", "I", "B", "UP"]', "",
           "[tool.pytest.ini_options]", 'testpaths = ["tests"]', 'addopts = "-ra --strict-markers"', ""]
    if rng.random() < 0.5:
        out += ["[tool.mypy]", f'python_version = "{svc.python}"', "strict = true", "ignore_missing_imports = true", ""]
    if rng.random() < 0.4:
        out += ["[tool.coverage.run]", "branch = true", f'source = ["{underscore(svc.name)}"]', ""]
    return out


def write_dockerfile(rng, svc, files):
    tag = rng.choice([f"{svc.python}-slim", f"{svc.python}-slim", f"{svc.python}-slim-bookworm",
                      f"{PYTHON_PATCH[svc.python]}-slim", f"{svc.python}-alpine", f"{svc.python}"])
    if rng.random() < 0.25:
        tag = "3.11-slim"
    install = {
        "requirements": "COPY requirements.txt requirements.txt\nCOPY requirements/ requirements/\n"
                        "RUN pip install --no-cache-dir -r requirements.txt",
        "poetry": "RUN pip install --no-cache-dir poetry==1.7.1\nCOPY pyproject.toml poetry.lock ./\n"
                  "RUN poetry config virtualenvs.create false && poetry install --only main --no-root",
        "uv": "RUN pip install --no-cache-dir uv==0.1.5\nCOPY pyproject.toml uv.lock ./\n"
              "RUN uv pip install --system -r pyproject.toml",
        "pipenv": "RUN pip install --no-cache-dir pipenv\nCOPY Pipfile Pipfile.lock ./\n"
                  "RUN pipenv install --system --deploy",
        "setuptools": "COPY . .\nRUN pip install --no-cache-dir .",
    }[svc.layout]
    if svc.layout == "requirements" and not any(k.startswith(svc.path("requirements/")) for k in files):
        install = "COPY requirements.txt requirements.txt\nRUN pip install --no-cache-dir -r requirements.txt"
    run = (f'CMD ["ddtrace-run", "gunicorn", "-b", "0.0.0.0:8000", "{underscore(svc.name)}.wsgi"]'
           if svc.ddtrace else f'CMD ["python", "-m", "{underscore(svc.name)}"]')
    multi = rng.random() < 0.3
    lines = []
    if multi:
        lines += [f"FROM python:{tag} AS builder", "WORKDIR /build", install, "",
                  f"FROM python:{tag}"]
    else:
        lines += [f"FROM python:{tag}"]
    lines += ["", "ENV PYTHONDONTWRITEBYTECODE=1 \\", "    PYTHONUNBUFFERED=1 \\", "    PIP_DISABLE_PIP_VERSION_CHECK=1",
              "", "WORKDIR /app"]
    if not multi:
        lines += [install]
    else:
        lines += ["COPY --from=builder /usr/local /usr/local"]
    if svc.ddtrace:
        lines += ["", f"ENV DD_SERVICE={svc.name} \\", "    DD_ENV=production \\", "    DD_LOGS_INJECTION=true"]
    lines += ["COPY . .", "", "EXPOSE 8000", "USER nobody", run, ""]
    files[svc.path("Dockerfile")] = "\n".join(lines)


WRITERS = {"poetry": write_poetry, "uv": write_uv, "pipenv": write_pipenv, "setuptools": write_setuptools}


# ---------------------------------------------------------------------------------------------
# Noise: sources, docs, CI, vendored trees
# ---------------------------------------------------------------------------------------------

def py_module(rng, svc, mod):
    imports = ["import logging", "import os", "from dataclasses import dataclass"]
    lib_imports = {"django": "from django.conf import settings", "flask": "from flask import Flask, jsonify",
                   "fastapi": "from fastapi import APIRouter, FastAPI", "celery": "from celery import shared_task",
                   "pandas": "import pandas as pd", "click": "import click", "requests": "import requests"}
    for n in svc.top:
        if n in lib_imports and rng.random() < 0.6:
            imports.append(lib_imports[n])
    if svc.ddtrace:
        imports.append("from ddtrace import tracer")
    body = ["\"\"\"" + f"{mod} for the {svc.name} service." + "\"\"\"", ""] + imports + ["",
            "log = logging.getLogger(__name__)", ""]
    for i in range(rng.randint(2, 9)):
        fn = f"{rng.choice(['get', 'load', 'build', 'handle', 'sync', 'compute', 'validate'])}_{mod}_{i}"
        if svc.ddtrace and rng.random() < 0.5:
            body.append(f'@tracer.wrap("{svc.name}.{fn}")')
        body += [f"def {fn}(payload: dict, *, retries: int = {rng.randint(1, 5)}) -> dict:",
                 f'    """{fn.replace("_", " ").capitalize()}."""',
                 f'    log.debug("{fn} %s", payload)',
                 "    result = {}",
                 "    for key, value in sorted(payload.items()):",
                 "        if value is None:",
                 "            continue",
                 f'        result[key] = value if not isinstance(value, str) else value.strip()[:{rng.randint(16, 255)}]',
                 f'    result["attempts"] = retries',
                 f'    result["source"] = os.environ.get("{svc.name.upper()}_SOURCE", "{mod}")',
                 "    return result", "", ""]
    body += ["@dataclass", f"class {mod.capitalize()}Config:",
             f"    name: str = \"{svc.name}\"", f"    timeout: float = {rng.randint(1, 60)}.0",
             f"    batch_size: int = {rng.choice([10, 50, 100, 500])}", ""]
    return "\n".join(body)


def service_noise(rng, svc, files):
    pkg = underscore(svc.name)
    files[svc.path(f"{pkg}/__init__.py")] = '__version__ = "0.1.0"\n'
    mods = rng.sample(["api", "models", "views", "tasks", "handlers", "client", "storage", "schemas", "utils",
                       "settings", "events", "jobs", "routes", "service", "repository"], rng.randint(3, 9))
    for m in mods:
        files[svc.path(f"{pkg}/{m}.py")] = py_module(rng, svc, m)
    files[svc.path("tests/__init__.py")] = ""
    for m in mods[:rng.randint(1, len(mods))]:
        files[svc.path(f"tests/test_{m}.py")] = (
            f"from {pkg} import {m}\n\n\ndef test_{m}_roundtrip():\n    assert {m} is not None\n")
    files[svc.path("README.md")] = (
        f"# {svc.name}\n\nThe {svc.name} service ({svc.flavour}).\n\n## Development\n\n"
        + {"poetry": "```\npoetry install\npoetry run pytest\n```\n",
           "uv": "```\nuv sync\nuv run pytest\n```\n",
           "pipenv": "```\npipenv install --dev\npipenv run pytest\n```\n",
           "requirements": "```\npip install -r requirements.txt\npytest\n```\n",
           "setuptools": "```\npip install -e .[dev]\npytest\n```\n"}[svc.layout])
    if rng.random() < 0.3:
        files[svc.path("Makefile")] = "test:\n\tpytest -q\n\nlint:\n\truff check .\n"
    if rng.random() < 0.3:
        files[svc.path(".env.example")] = f"{svc.name.upper()}_SOURCE=local\nDD_ENV=dev\n"


def node_modules(rng, base, files):
    files[f"{base}/package.json"] = json.dumps(
        {"name": base.split("/")[-1], "private": True, "version": "1.0.0",
         "scripts": {"build": "vite build", "dev": "vite"},
         "dependencies": {"react": "^18.2.0", "react-dom": "^18.2.0"},
         "devDependencies": {"vite": "^5.0.10", "node-gyp": "^10.0.1"}}, indent=2) + "\n"
    nm = f"{base}/node_modules"
    for pkg, ver in [("react", "18.2.0"), ("react-dom", "18.2.0"), ("scheduler", "0.23.0"),
                     ("loose-envify", "1.4.0"), ("js-tokens", "4.0.0")]:
        files[f"{nm}/{pkg}/package.json"] = json.dumps({"name": pkg, "version": ver, "main": "index.js"}) + "\n"
        files[f"{nm}/{pkg}/index.js"] = f"'use strict';\nmodule.exports = require('./cjs/{pkg}.production.min.js');\n"
        files[f"{nm}/{pkg}/cjs/{pkg}.production.min.js"] = "/* minified */\n" + ("var a=1;" * rng.randint(50, 400))
    # node-gyp vendors gyp, a Python project: manifests that must NOT be scanned
    files[f"{nm}/node-gyp/package.json"] = json.dumps({"name": "node-gyp", "version": "10.0.1"}) + "\n"
    files[f"{nm}/node-gyp/gyp/pyproject.toml"] = (
        '[build-system]\nrequires = ["setuptools>=61.0"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "gyp-next"\nversion = "0.16.1"\nrequires-python = ">=3.8"\n'
        'dependencies = ["packaging>=23.1"]\n')
    files[f"{nm}/node-gyp/gyp/requirements_dev.txt"] = "flake8\npytest==7.4.3\nddtrace==0.1.0\n"
    files[f"{nm}/node-gyp/gyp/setup.py"] = 'from setuptools import setup\nsetup(install_requires=["six"])\n'


def dot_venv(rng, base, python, files):
    # `.venv` is skipped by name; `env` only because it holds pyvenv.cfg
    v = f"{base}/{rng.choice(['.venv', '.venv', 'env'])}"
    files[f"{v}/pyvenv.cfg"] = f"home = /usr/local/bin\ninclude-system-site-packages = false\nversion = {PYTHON_PATCH[python]}\n"
    sp = f"{v}/lib/python{python}/site-packages"
    for n in rng.sample(NAMES, 6):
        ver = PKGS[n].versions[0]
        files[f"{sp}/{underscore(n)}/__init__.py"] = f'__version__ = "{ver}"\n'
        files[f"{sp}/{underscore(n)}-{ver}.dist-info/METADATA"] = (
            f"Metadata-Version: 2.1\nName: {n}\nVersion: {ver}\nSummary: {PKGS[n].summary}\n")
        files[f"{sp}/{underscore(n)}-{ver}.dist-info/RECORD"] = f"{underscore(n)}/__init__.py,,\n"
    files[f"{sp}/ddtrace/requirements.txt"] = "ddtrace==0.0.1\n"
    files[f"{sp}/somepkg/pyproject.toml"] = '[project]\nname = "somepkg"\ndependencies = ["ddtrace"]\n'


def vendor_dir(files):
    files["vendor/legacy_client/setup.py"] = (
        'from setuptools import setup\nsetup(name="legacy-client", install_requires=["requests==2.5.0"])\n')
    files["vendor/legacy_client/legacy_client/__init__.py"] = "VERSION = (0, 3, 1)\n"
    files["vendor/legacy_client/requirements.txt"] = "requests==2.5.0\nsix\n"


# ---------------------------------------------------------------------------------------------
# One repository
# ---------------------------------------------------------------------------------------------

def build_repo(seed, index):
    """Returns (relative repo dir, [commit file maps], facts) for repository number `index`."""
    rng = random.Random(f"fleet:{seed}:{index}")
    org = ORGS[index % len(ORGS)]
    repo_name = f"{rng.choice(SERVICE_WORDS)}-{rng.choice(PROJECT_WORDS)}-{index:04d}"
    files = {}
    n_services = rng.randint(2, 5)
    style = rng.choice(["services", "services", "root+workers", "flat", "apps"])
    names = rng.sample(SERVICE_WORDS, n_services)
    services = []
    for i, name in enumerate(names):
        if style == "root+workers" and i == 0:
            d = ""
        elif style == "services":
            d = f"services/{name}"
        elif style == "apps":
            d = f"apps/{name}"
        elif style == "root+workers":
            d = f"workers/{name}"
        else:
            d = name
        services.append(Service(rng, name, d, rng.choice(LAYOUTS), ddtrace=rng.random() < 0.65))

    # repo-wide constraints file in some monorepos
    constraints_rel = None
    if style in ("services", "apps") and rng.random() < 0.3:
        pins = {"ddtrace": rng.choice(DDTRACE_VERSIONS), "urllib3": "2.1.0", "certifi": "2023.11.17",
                "setuptools": "69.0.3"}
        files["constraints.txt"] = "# Org-wide pins\n" + "".join(f"{k}=={v}\n" for k, v in pins.items())
        constraints_rel = "../../constraints.txt"

    for svc in services:
        if svc.layout == "requirements":
            write_requirements(rng, svc, files, constraints_rel)
        else:
            WRITERS[svc.layout](rng, svc, files)
        write_dockerfile(rng, svc, files)
        r = rng.random()
        if r < 0.5:
            files[svc.path(".python-version")] = PYTHON_PATCH[svc.python] + "\n"
        elif r < 0.6:
            files[svc.path("runtime.txt")] = f"python-{PYTHON_PATCH[svc.python]}\n"
        if rng.random() < 0.15:
            files[svc.path("Dockerfile.dev")] = (
                f"FROM python:{svc.python}\nWORKDIR /app\nCOPY . .\nCMD [\"pytest\"]\n")
        service_noise(rng, svc, files)

    py = services[0].python
    if rng.random() < 0.3:
        files[".tool-versions"] = f"python {PYTHON_PATCH[py]}\nnodejs 20.10.0\n"
    elif rng.random() < 0.3 and services[0].dir:
        files[".python-version"] = PYTHON_PATCH[py] + "\n"
    if rng.random() < 0.2:
        files["docs/requirements.txt"] = "sphinx==7.2.6\nsphinx-rtd-theme==2.0.0\nmyst-parser==2.0.0\n"
        files["docs/index.md"] = f"# {repo_name}\n\nArchitecture notes.\n"
    if rng.random() < 0.15:
        files["docker/ci.Dockerfile"] = f"FROM python:{py}-slim\nRUN pip install tox\n"

    files["README.md"] = (f"# {repo_name}\n\nOwned by the {org} team.\n\n## Services\n\n"
                          + "".join(f"- `{s.dir or '.'}`: {s.name} ({s.layout}, {s.flavour})\n" for s in services))
    files[".gitignore"] = ".venv/\n__pycache__/\n*.pyc\n.pytest_cache/\ndist/\nbuild/\n.env\n"
    files[".github/workflows/ci.yml"] = (
        "name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n"
        f"        with:\n          python-version: '{py}'\n      - run: make test\n")
    files["scripts/bootstrap.sh"] = "#!/bin/sh\nset -eu\npip install -U pip\n"
    if rng.random() < 0.15:
        node_modules(rng, "frontend", files)
    if rng.random() < 0.10:
        dot_venv(rng, services[0].dir or ".", py, files)
    if rng.random() < 0.05:
        vendor_dir(files)
    files = {k.removeprefix("./"): v for k, v in files.items()}

    commits = [files]
    if rng.random() < 0.5:
        # a follow-up "bump ddtrace" or "docs" commit touching a few files
        changed = {}
        target = rng.choice(services)
        old = target.version["ddtrace"] if target.ddtrace else None
        new = rng.choice([v for v in DDTRACE_VERSIONS if v != old]) if old else None
        for path, text in files.items():
            if path.startswith(target.path("")) or not target.dir:
                if old and old in text and not ("/.venv/" in path or "node_modules" in path):
                    changed[path] = text.replace(f"ddtrace=={old}", f"ddtrace=={new}").replace(
                        f'name = "ddtrace"\nversion = "{old}"', f'name = "ddtrace"\nversion = "{new}"')
        changed["README.md"] = files["README.md"] + "\nSee the runbook for on-call notes.\n"
        commits.append({k: v for k, v in changed.items() if v != files.get(k)})
    facts = {"services": len(services), "services_with_ddtrace": sum(s.ddtrace for s in services),
             "docs_requirements": int("docs/requirements.txt" in files),
             "layouts": {lay: sum(s.layout == lay for s in services) for lay in sorted(set(LAYOUTS))}}
    return f"{org}/{repo_name}", commits, facts


def fast_import_stream(commits, index):
    out = []
    for c, files in enumerate(commits):
        when = EPOCH + index * 3600 + c * 86400
        msg = b"Initial import\n" if c == 0 else b"Bump dependencies\n"
        out.append(b"commit refs/heads/main\n")
        out.append(b"author Fleet Generator <fleet@example.com> %d +0000\n" % when)
        out.append(b"committer Fleet Generator <fleet@example.com> %d +0000\n" % when)
        out.append(b"data %d\n%s" % (len(msg), msg))
        # later commits continue from the branch tip fast-import already holds
        for path in sorted(files):
            data = files[path].encode()
            mode = b"100755" if path.endswith(".sh") else b"100644"
            out.append(b"M %s inline %s\ndata %d\n%s\n" % (mode, path.encode(), len(data), data))
        out.append(b"\n")
    return b"".join(out)


GIT_ENV = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null",
               GIT_AUTHOR_NAME="Fleet Generator", GIT_AUTHOR_EMAIL="fleet@example.com",
               GIT_COMMITTER_NAME="Fleet Generator", GIT_COMMITTER_EMAIL="fleet@example.com",
               GIT_AUTHOR_DATE=f"{EPOCH} +0000", GIT_COMMITTER_DATE=f"{EPOCH} +0000", LC_ALL="C")


def make_repo(args):
    root, seed, index, checkout = args
    rel, commits, facts = build_repo(seed, index)
    path = os.path.join(root, rel)
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True, env=GIT_ENV)
    stream = fast_import_stream(commits, index)
    subprocess.run(["git", "-C", path, "fast-import", "--quiet", "--done"], input=stream + b"done\n",
                   check=True, env=GIT_ENV)
    if checkout:
        subprocess.run(["git", "-C", path, "reset", "-q", "--hard", "main"], check=True, env=GIT_ENV)
    head = subprocess.run(["git", "-C", path, "rev-parse", "HEAD"], check=True, env=GIT_ENV,
                          capture_output=True, text=True).stdout.strip()
    last = {}
    for c in commits:
        last.update(c)
    return rel, head, len(commits), len(last), sum(len(v.encode()) for v in last.values()), facts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output", help="directory to create (the fleet root)")
    ap.add_argument("--repos", type=int, default=1000, help="number of repositories (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel generators (default: CPUs)")
    ap.add_argument("--checkout", action="store_true", help="also check out each work tree")
    ap.add_argument("--force", action="store_true", help="replace an existing, different OUTPUT")
    args = ap.parse_args()

    out = os.path.abspath(args.output)
    params = {"generator": GENERATOR_SHA, "repos": args.repos, "seed": args.seed,
              "checkout": args.checkout}
    marker = os.path.join(out, ".fleet.json")
    if os.path.exists(out) and not args.force:
        try:
            with open(marker) as f:
                have = json.load(f)
        except (OSError, ValueError):
            sys.exit(f"error: {out} exists and is not a generated fleet; use --force to replace it")
        if all(have.get(k) == v for k, v in params.items()):
            print(f"fleet already present: {out}")
            return 0
        print(f"replacing stale fleet {out} (was {dict((k, have.get(k)) for k in params)})", file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)

    tmp = out + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    t0 = time.monotonic()
    work = [(tmp, args.seed, i, args.checkout) for i in range(args.repos)]
    results = []
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for n, r in enumerate(pool.map(make_repo, work, chunksize=4), 1):
            results.append(r)
            if n % 100 == 0 or n == args.repos:
                print(f"  {n}/{args.repos} repositories ({time.monotonic() - t0:.1f}s)", file=sys.stderr)
    # a directory that is not a repository, to keep discovery honest
    os.makedirs(os.path.join(tmp, "notes", "2023"), exist_ok=True)
    with open(os.path.join(tmp, "notes", "2023", "requirements.txt"), "w") as f:
        f.write("# not in any repository: discovery must not report this\nddtrace==0.0.0\n")

    elapsed = time.monotonic() - t0
    summary = dict(params,
                   commits=sum(r[2] for r in results),
                   files_at_head=sum(r[3] for r in results),
                   bytes_at_head=sum(r[4] for r in results),
                   services=sum(r[5]["services"] for r in results),
                   services_with_ddtrace=sum(r[5]["services_with_ddtrace"] for r in results),
                   docs_requirements=sum(r[5]["docs_requirements"] for r in results),
                   service_layouts={lay: sum(r[5]["layouts"][lay] for r in results) for lay in sorted(set(LAYOUTS))},
                   fingerprint=hashlib.sha256("".join(f"{r[0]} {r[1]}\n" for r in results).encode()).hexdigest(),
                   generation_seconds=round(elapsed, 1))
    with open(os.path.join(tmp, ".fleet.json"), "w") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
        f.write("\n")
    os.rename(tmp, out)
    print(f"generated {args.repos} repositories in {out} ({elapsed:.1f}s); "
          f"{summary['files_at_head']} files, {summary['bytes_at_head'] / 2**20:.1f} MiB at HEAD; "
          f"fingerprint {summary['fingerprint'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
