# The specs run against the test job's services: PostgreSQL at DATABASE_URL (the schema of
# db/structure.sql loaded by `rails db:schema:load`) and Redis at REDIS_URL. Each database example
# runs in a transaction that is rolled back, as Rails' transactional tests do.
require "pg"
require "redis"
require "securerandom"

$LOAD_PATH.unshift File.expand_path("../lib", __dir__)

def service_url(name)
  ENV.fetch(name) { abort "#{name} is not set: the specs run against the test job's services" }
end

RSpec.configure do |config|
  config.disable_monkey_patching!
  config.order = :random

  config.around(:each, :database) do |example|
    @db = PG.connect(service_url("DATABASE_URL"))
    @db.exec("BEGIN")
    example.run
  ensure
    @db&.exec("ROLLBACK")
    @db&.close
  end

  config.around(:each, :redis) do |example|
    @redis = Redis.new(url: service_url("REDIS_URL"))
    @learner = "learner-#{SecureRandom.hex(6)}"
    example.run
  ensure
    keys = @redis.keys("progress:#{@learner}:*")
    @redis.del(*keys) unless keys.empty?
    @redis.close
  end
end
