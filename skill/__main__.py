"""`python -m skill …` is the same as `nightlegs …`."""

import sys

from skill.cli import main

sys.exit(main())
