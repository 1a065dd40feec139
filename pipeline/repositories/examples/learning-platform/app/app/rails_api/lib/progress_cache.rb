require "redis"

# A learner's progress through a course (percent complete), cached in Redis for a day.
class ProgressCache
  TTL_SECONDS = 86_400

  def initialize(redis)
    @redis = redis
  end

  def record(learner_id, course_id, percent)
    unless percent.is_a?(Integer) && (0..100).cover?(percent)
      raise ArgumentError, "percent must be an integer from 0 to 100, got #{percent.inspect}"
    end

    @redis.set(key(learner_id, course_id), percent, ex: TTL_SECONDS)
  end

  # The recorded percent, nil when nothing is cached.
  def percent(learner_id, course_id)
    @redis.get(key(learner_id, course_id))&.to_i
  end

  def key(learner_id, course_id)
    "progress:#{learner_id}:#{course_id}"
  end
end
