import sys

from resources_db.cli import main

sys.exit(main())
