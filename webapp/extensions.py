"""Extensions made once here and bound to each app in create_app."""

from flask_babel import Babel
from flask_caching import Cache
from flask_compress import Compress
from flask_wtf.csrf import CSRFProtect

babel = Babel()
cache = Cache()
compress = Compress()
csrf = CSRFProtect()
